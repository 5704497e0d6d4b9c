from __future__ import annotations

import time
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest

from optio.config import Settings
from optio.storage import InvalidKey, make_storage
from optio.storage.local import LocalStorage, signing_secret
from optio.storage.supabase import SupabaseStorage

from .conftest import OWNER, PNG, SECRET


def test_put_stores_the_bytes_under_a_random_name_in_the_owners_folder(local):
    key = local.put(OWNER, PNG, "image/png", "png")
    owner, name = key.split("/")
    assert owner == str(OWNER)
    assert len(name) == len(uuid.uuid4().hex) + len(".png") and name.endswith(".png")
    assert local.path_of(key).read_bytes() == PNG
    assert local.put(OWNER, PNG, "image/png", "png") != key


def test_put_leaves_no_temporary_files_behind(local):
    key = local.put(OWNER, PNG, "image/png", "png")
    assert [p.name for p in local.path_of(key).parent.iterdir()] == [key.split("/")[1]]


def test_put_refuses_an_extension_that_is_not_one(local):
    with pytest.raises(ValueError, match="extension"):
        local.put(OWNER, PNG, "image/png", "../png")


def test_delete_removes_the_file_and_a_missing_key_is_fine(local):
    key = local.put(OWNER, PNG, "image/png", "png")
    local.delete(key)
    assert not local.path_of(key).exists()
    local.delete(key)


@pytest.mark.parametrize(
    "key",
    ["../outside.png", f"{OWNER}/../../outside.png", "/etc/passwd", "a//b.png", "a\\..\\b", ""],
)
def test_keys_that_could_escape_the_root_are_rejected(local, key):
    with pytest.raises(InvalidKey):
        local.delete(key)


@pytest.mark.parametrize(
    "key",
    [
        "../outside.png",
        f"{OWNER}/../../outside.png",
        "/etc/passwd",
        "a//b.png",
        "a\\..\\b",
        "",
        f"{OWNER}/report.png",  # our storage never writes a name of its own choosing
        f"{str(OWNER).upper()}/{'a' * 32}.png",
        f"{OWNER}/{'a' * 32}.png/..",
        f"{OWNER}/{'a' * 32}.png\n",
    ],
)
def test_signing_skips_strings_that_are_not_keys_of_ours(local, key):
    """A path stored before the database checked them must not fail the page that signs it."""
    stored = local.put(OWNER, PNG, "image/png", "png")
    assert list(local.signed_urls([key, stored], 60)) == [stored]


def test_a_symlink_out_of_the_root_is_rejected(local, tmp_path):
    (tmp_path / "secret.txt").write_text("secret")
    local.root.mkdir(parents=True)
    (local.root / "link").symlink_to(tmp_path)
    with pytest.raises(InvalidKey):
        local.path_of("link/secret.txt")


def test_signed_urls_are_api_paths_signed_with_hmac(local):
    key = local.put(OWNER, PNG, "image/png", "png")
    url = local.signed_urls([key, f"{OWNER}/{uuid.uuid4().hex}.png"], 300)
    assert list(url) == [key]  # a key without a file gets no URL
    parts = urlsplit(url[key])
    query = {name: values[0] for name, values in parse_qs(parts.query).items()}
    assert parts.path == f"/api/storage/evidence/{key}"
    assert abs(int(query["expires"]) - (time.time() + 300)) < 5
    assert local.verify(key, int(query["expires"]), query["signature"])
    assert not LocalStorage(local.root, b"x" * 32).verify(
        key, int(query["expires"]), query["signature"]
    )


def test_the_signing_secret_is_derived_from_but_not_equal_to_the_jwt_secret():
    settings = Settings(_env_file=None, supabase_jwt_secret="j" * 40)
    secret = signing_secret(settings)
    assert len(secret) == 32 and b"j" * 32 not in secret
    assert secret == signing_secret(settings)
    assert secret != signing_secret(Settings(_env_file=None, supabase_jwt_secret="k" * 40))
    with pytest.raises(ValueError, match="SUPABASE_JWT_SECRET"):
        signing_secret(Settings(_env_file=None, supabase_jwt_secret=None))


def test_make_storage_follows_storage_backend(tmp_path):
    local = make_storage(Settings(_env_file=None, storage_dir=tmp_path))
    assert isinstance(local, LocalStorage) and local.root == tmp_path and local.secret != SECRET
    remote = make_storage(
        Settings(
            _env_file=None,
            storage_backend="supabase",
            supabase_url="http://supabase.test",
            supabase_service_role_key="service-role-key",
        )
    )
    assert isinstance(remote, SupabaseStorage)
    with pytest.raises(ValueError, match="SUPABASE_SERVICE_ROLE_KEY"):
        make_storage(Settings(_env_file=None, storage_backend="supabase"))
