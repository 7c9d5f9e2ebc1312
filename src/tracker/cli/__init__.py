"""Command-line interface (placeholder while the foundation is built)."""

import click


@click.group()
def cli() -> None:
    """Track weight-training sessions."""


def main() -> None:
    cli()
