"""Command-line options generated from :class:`~outline_corpus.config.Config`: one
``--option`` per knob, with the field's default and help, grouped in the help by
parameter group. A command decorated with :func:`config_options` receives the
:class:`Config` its options build instead of the options themselves. :class:`App`
is the typer application whose commands show no value type for a flag."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import Field, fields
from typing import Annotated, Any, NoReturn, TypeVar, get_type_hints

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from outline_corpus.config import GROUPS, Config
from outline_corpus.errors import OutlineCorpusError

F = TypeVar("F", bound=Callable[..., Any])

#: The help panel of each group (``None``: among the command's own options).
PANELS = {"model": None, "semicolon": None, "outside_raw": None, "align": "Alignment",
          "divergence": "Divergence thresholds", "links": "Links from related documents",
          "export": "TMX export"}
_SHORT = {"model": ("-m",)}


def knobs(group: str) -> list[tuple[Field[Any], Any]]:
    """The fields of one group (``model``, ``semicolon``, ``outside_raw`` or a
    :data:`GROUPS` name) with their resolved types."""
    if group in GROUPS:
        cls = GROUPS[group]
        hints = get_type_hints(cls)
        return [(f, hints[f.name]) for f in fields(cls) if f.init]
    hints = get_type_hints(Config)
    return [(f, hints[f.name]) for f in fields(Config) if f.name == group]


def build_config(values: dict[str, Any]) -> Config:
    """A :class:`Config` from option values by field name; knobs not given keep their
    defaults. Raises :class:`~outline_corpus.errors.ParameterError` on a bad value."""
    top = {name: values[name] for name in ("model", "semicolon", "outside_raw")
           if name in values}
    parts = {group: cls(**{f.name: values[f.name] for f in fields(cls)
                           if f.init and f.name in values})
             for group, cls in GROUPS.items()}
    return Config(**top, **parts)  # type: ignore[arg-type]


def config_options(*groups: str, on_error: Callable[[BaseException], NoReturn]
                   ) -> Callable[[F], F]:
    """Decorate a typer command taking ``config: Config``: add an option per knob of
    ``groups`` and pass the command the configuration they make. A bad value goes to
    ``on_error`` (one line, non-zero exit)."""
    chosen = [(group, f, tp) for group in groups for f, tp in knobs(group)]

    def decorate(fn: F) -> F:
        sig = inspect.signature(fn, eval_str=True)
        own = [p for p in sig.parameters.values() if p.name != "config"]
        extra = [inspect.Parameter(
            f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default,
            annotation=Annotated[tp, typer.Option(
                f"--{f.name.replace('_', '-')}", *_SHORT.get(f.name, ()),
                help=f.metadata["help"], rich_help_panel=PANELS[group])])
            for group, f, tp in chosen]

        @functools.wraps(fn)
        def command(**kwargs: Any) -> Any:
            values = {f.name: kwargs.pop(f.name) for _, f, _ in chosen}
            try:
                config = build_config(values)
            except OutlineCorpusError as exc:
                on_error(exc)
            return fn(config=config, **kwargs)

        params = own + extra
        command.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in params}
        return command  # type: ignore[return-value]

    return decorate


def _untyped_flags(params: list[Any]) -> list[Any]:
    """``params`` with no value type shown for a boolean flag (``--json``, ``--help``),
    which takes no value; other options keep theirs (``--limit <int>``)."""
    for param in params:
        if isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""
    return params


class Command(TyperCommand):
    """A command whose help shows no value type for its flags."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _untyped_flags(super().get_params(ctx))


class Group(TyperGroup):
    """The command group, whose own flags (``--version``, ``--help``) show no type."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _untyped_flags(super().get_params(ctx))


class App(typer.Typer):
    """A typer application of :class:`Group` and :class:`Command`: the one place where
    the help of every command is told not to show ``<bool>`` for a flag, those of the
    applications added to it (``add_typer``) included."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", Group)
        super().__init__(**kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        kwargs.setdefault("cls", Command)
        decorator: Callable[[F], F] = super().command(*args, **kwargs)
        return decorator

    def add_typer(self, typer_instance: typer.Typer, **kwargs: Any) -> None:
        kwargs.setdefault("cls", Group)
        _untyped_app(typer_instance)
        super().add_typer(typer_instance, **kwargs)


def _untyped_app(sub: typer.Typer) -> None:
    """Give the commands and groups registered on ``sub`` (and on the applications
    added to it) the classes of :class:`App`, unless they name one of their own (typer's
    defaults are not)."""
    for info in sub.registered_commands:
        info.cls = Command if info.cls in (None, TyperCommand) else info.cls
    for group in sub.registered_groups:
        group.cls = Group if group.cls in (None, TyperGroup) else group.cls
        if group.typer_instance is not None:
            _untyped_app(group.typer_instance)
    sub.info.cls = Group if sub.info.cls in (None, TyperGroup) else sub.info.cls
