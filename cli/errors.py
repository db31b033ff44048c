"""Errors meant for the user: each names the file, the place and the fix."""
from __future__ import annotations


class UserError(Exception):
    """Root of every error the CLI reports without a traceback (exit code 1 or 2)."""

    exit_code = 1


class InputError(UserError):
    """An input file or argument cannot be used."""


class ConfigError(UserError):
    """config.yaml is missing or invalid."""

    exit_code = 2


class RegisterError(UserError):
    """The register file cannot be read or a change to it is invalid."""


class TemplateError(UserError):
    """A report template set is broken."""


class ReportError(UserError):
    """A report cannot be produced as asked."""
