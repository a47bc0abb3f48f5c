"""Files the exports ship: the TMX 1.4b DTD, the JSON Schema, the review page template."""
