"""Without SMTP_URL (development), messages are .eml files in OPTIO_DATA_DIR/mail, listed by
`optio mail ls`; `optio mail send` sends what is waiting."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from optio.cli import main
from optio.mail import Mail

from .test_outbox import write


@pytest.fixture
def settings_overrides(tmp_path):
    return {"smtp_url": None, "optio_data_dir": tmp_path}


def test_development_writes_files_that_mail_ls_lists(app, tmp_path, monkeypatch, database_url):
    write(app, Mail(to="kid@example.com", subject="Hello there", text="Hi!", kind="greeting"))
    monkeypatch.setenv("OPTIO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("SMTP_URL", raising=False)
    runner = CliRunner()
    sent = runner.invoke(main, ["mail", "send"])
    assert sent.exit_code == 0, sent.output
    assert sent.output.strip().endswith("1 sent, 0 not sent")
    [file] = (tmp_path / "mail").glob("*.eml")
    assert b"Subject: Hello there" in file.read_bytes()
    listed = runner.invoke(main, ["mail", "ls"])
    assert listed.exit_code == 0
    assert listed.output.strip() == f"{file.name}  kid@example.com  Hello there"
    again = runner.invoke(main, ["mail", "send"])
    assert again.output.strip().endswith("0 sent, 0 not sent")
    assert len(list((tmp_path / "mail").glob("*.eml"))) == 1
