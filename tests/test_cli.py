"""The CLI's documentation: every command has help with an Example, and usage errors exit 2."""

from typer.testing import CliRunner

from eventwire.cli import app

runner = CliRunner()


def test_every_command_documents_an_example():
    import typer.main

    group = typer.main.get_group(app)
    assert group.commands
    for name, command in group.commands.items():
        assert command.help and "Example:" in command.help, f"`eventwire {name}` help lacks an Example"


def test_usage_errors_exit_2():
    assert runner.invoke(app, ["extract", "/nonexistent/file.txt"]).exit_code == 2
    assert runner.invoke(app, ["extract", "x", "--published", "yesterday"]).exit_code == 2
