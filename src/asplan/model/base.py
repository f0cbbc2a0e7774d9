"""The base every plan model shares, and why it is more than ``BaseModel``.

Three jobs pydantic does not do by itself, done here once for every section:

* **Where did this object come from?** The validator (``asplan.model.validate``) marks
  every mapping with its data path under :data:`PATH_KEY`, a key no YAML file can
  contain. The wrap validator below pops it and keeps it on the instance, so a rule
  can point at ``actions[3].due`` even after invalid siblings were dropped.
* **Unknown keys with a hint.** ``extra="forbid"`` would say "Extra inputs are not
  permitted"; we want "unknown field 'titel': did you mean 'title'?" (ASP103), and we
  want the rest of the object validated anyway. Unknown keys are recorded in the
  validation context and removed before pydantic sees them.
* **``x-`` keys** are the user's own data: kept in the file, ignored by the model.
"""

from __future__ import annotations

import difflib
from typing import Any, ClassVar, get_args, get_origin

from pydantic import BaseModel, ConfigDict, ValidationInfo, model_validator
from pydantic.functional_validators import ModelWrapValidatorHandler

from asplan.yaml_document import DataPath


class _PathKey:
    """A dict key that YAML cannot produce: only the validator puts it there."""

    _instance: ClassVar[_PathKey | None] = None

    def __new__(cls) -> _PathKey:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "<path>"

    # Equality and hash are object's own (identity), in C: this key is hashed in every
    # mapping of every plan, where a Python __hash__ was a call each time.


PATH_KEY: Any = _PathKey()

MAPPING_PATHS = "mapping_paths"
"""The validation context's key for a table of data paths by mapping ``id()`` (see :func:`carry_path`)."""


def is_map_annotation(annotation: Any) -> bool:
    """True for ``dict[...]`` and ``dict[...] | None``."""
    if get_origin(annotation) is dict:
        return True
    return any(get_origin(arg) is dict for arg in get_args(annotation))


def strip_path_marker(value: dict[Any, Any]) -> dict[Any, Any]:
    return {k: v for k, v in value.items() if k is not PATH_KEY}


class UnknownKey:
    """An unknown field met during validation, reported as ASP103."""

    __slots__ = ("key", "path", "suggestion")

    def __init__(self, path: DataPath, key: str, suggestion: str | None) -> None:
        self.path = path
        self.key = key
        self.suggestion = suggestion


def _suggest(key: str, known: list[str]) -> str | None:
    lowered = {k.lower(): k for k in known}
    if key.lower() in lowered:
        return lowered[key.lower()]
    match = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return match[0] if match else None


# Each model class's accepted keys and map-field keys, by class: read for every object
# validated, so one dict lookup rather than two class-method calls.
_KEYS: dict[type, tuple[frozenset[Any], frozenset[str], frozenset[str]]] = {}


class PlanModel(BaseModel):
    """Base of every object in a plan: strict keys, kept paths, ignored ``x-`` keys."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=False,
        frozen=False,
        json_schema_extra={"patternProperties": {"^x-": {}}},
        use_attribute_docstrings=False,
        validate_default=False,
        # Validators are compiled on first use, per section adapter: a plan is never
        # validated as a whole (see validate.py), so compiling Plan and every nested
        # model eagerly would cost ~150 ms of start-up for nothing.
        defer_build=True,
    )

    @property
    def path(self) -> DataPath:
        """Data path of this object in the file (``('actions', 3)``)."""
        private = self.__pydantic_private__
        return private["_path"] if private else ()

    @property
    def _path(self) -> DataPath:
        return self.path

    @_path.setter
    def _path(self, path: DataPath) -> None:
        # Kept where pydantic keeps private attributes (so copies, pickles and == see it as
        # before), without declaring one: a declared private attribute makes pydantic run
        # a Python initialiser for every object it builds (twice, for subclasses), which
        # was a fifth of validating a plan; a property is set without that machinery.
        object.__setattr__(self, "__pydantic_private__", {"_path": path})

    @classmethod
    def accepted_keys(cls) -> frozenset[str]:
        cached = cls.__dict__.get("_accepted_keys_cache")
        if cached is None:
            cached = frozenset((info.alias or name) for name, info in cls.model_fields.items())
            type.__setattr__(cls, "_accepted_keys_cache", cached)
        return cached  # type: ignore[no-any-return,unused-ignore]

    @classmethod
    def map_keys(cls) -> frozenset[str]:
        """Input keys of fields that are free-form maps (``hours``, ``where``, ``calendars``).

        The path marker must not reach them: their keys are the user's, not fields.
        """
        cached = cls.__dict__.get("_map_keys_cache")
        if cached is None:
            cached = frozenset(
                (info.alias or name) for name, info in cls.model_fields.items() if is_map_annotation(info.annotation)
            )
            type.__setattr__(cls, "_map_keys_cache", cached)
        return cached  # type: ignore[no-any-return,unused-ignore]

    @model_validator(mode="wrap")
    @classmethod
    def _capture_path(cls, data: Any, handler: ModelWrapValidatorHandler[Any], info: ValidationInfo) -> Any:
        if not isinstance(data, dict):
            return handler(data)
        context = info.context
        paths = context.get(MAPPING_PATHS) if context else None
        path: DataPath = data.get(PATH_KEY, ()) if paths is None else paths.get(id(data), ())
        keys = _KEYS.get(cls)
        if keys is None:
            accepted = cls.accepted_keys()
            keys = _KEYS[cls] = (accepted | {PATH_KEY}, accepted, cls.map_keys())
        known, accepted, maps = keys
        # Set tests in C for the common case (every key known, no map field holding a
        # marked dict); the per-key loop only when something needs attention.
        # This validator runs on every object of every plan: it was a sixth of check.
        if known.issuperset(data):
            if paths is not None:  # the document's own mapping (validate_whole): unmarked, and only read
                return _keep_path(handler(data), path)
            if not maps or maps.isdisjoint(data):
                clean = dict(data)
                clean.pop(PATH_KEY, None)
                return _keep_path(handler(clean), path)
        return _keep_path(handler(_known_part(data, path, context, accepted, maps)), path)


def _known_part(
    data: dict[Any, Any], path: DataPath, context: Any, accepted: frozenset[str], maps: frozenset[str]
) -> dict[Any, Any]:
    """The keys of ``data`` the model knows, without the path marker; unknown keys go to the context's sink."""
    clean: dict[Any, Any] = {}
    unknown_sink = context.get("unknown") if context else None
    for key, value in data.items():
        if key is PATH_KEY:
            continue
        if isinstance(key, str) and key.startswith("x-"):
            continue
        if key not in accepted and unknown_sink is not None:
            unknown_sink.append(UnknownKey((*path, key), str(key), _suggest(str(key), sorted(accepted))))
            continue
        if key in maps and isinstance(value, dict):
            value = strip_path_marker(value)
        clean[key] = value
    return clean


def _keep_path(result: Any, path: DataPath) -> Any:
    if path and isinstance(result, PlanModel):
        object.__setattr__(result, "__pydantic_private__", {"_path": path})  # the _path setter, inline
    return result


def carry_path(old: dict[Any, Any], new: dict[Any, Any], info: ValidationInfo) -> None:
    """A before-validator that validates a new mapping in place of ``old`` gives it ``old``'s path.

    Marked data (the section path) carries the marker into a ``{**old, ...}`` copy by
    itself; a path read by ``id()`` (:mod:`asplan.model.validate_whole`) needs telling.
    """
    paths = info.context.get(MAPPING_PATHS) if info.context else None
    if paths is not None and id(old) in paths:
        paths[id(new)] = paths[id(old)]
