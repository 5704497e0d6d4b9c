"""The fake Supabase Storage endpoints, under /storage/v1 (supabase/storage src/http/routes,
errors from src/internal/errors/codes.ts rendered as src/http/error-handler.ts does).

Objects live in memory. Every route needs a JWT signed with the project's secret; this fake
grants the service role everything and refuses other roles (hosted Storage would apply the
storage.objects RLS policies, which this project does not have).
"""

from __future__ import annotations

import json
import re
import time
import uuid
from datetime import UTC, datetime
from email.utils import formatdate
from typing import TYPE_CHECKING, Any

import jwt
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from .model import StorageApiError, StoredObject

if TYPE_CHECKING:
    from .server import FakeSupabase

ROUTES = Map(
    [
        Rule("/storage/v1/bucket", endpoint="list_buckets", methods=["GET"]),
        Rule("/storage/v1/bucket/<bucket_id>", endpoint="get_bucket", methods=["GET"]),
        Rule("/storage/v1/object/sign/<bucket>", endpoint="sign_many", methods=["POST"]),
        Rule("/storage/v1/object/sign/<bucket>/<path:name>", endpoint="signed", methods=["GET"]),
        Rule("/storage/v1/object/<bucket>", endpoint="delete_many", methods=["DELETE"]),
        Rule("/storage/v1/object/<bucket>/<path:name>", endpoint="upload", methods=["POST"]),
        Rule("/storage/v1/object/<bucket>/<path:name>", endpoint="download", methods=["GET"]),
    ]
)
# limits.ts VALID_OBJECT_KEY
_VALID_KEY = re.compile(r"^[A-Za-z0-9_/!.*'() &$=@;:+,?-]*$")
NOT_FOUND_OR_DENIED = "Either the object does not exist or you do not have access to it"


def storage_error_response(exc: StorageApiError) -> Response:
    """setErrorHandler: HTTP 400 for every refusal below 500, the real status in the body."""
    body = {
        "statusCode": str(exc.status),
        "code": exc.code,
        "error": exc.error,
        "message": exc.message,
    }
    status = 500 if exc.status >= 500 else 400
    return Response(json.dumps(body), status=status, mimetype="application/json")


def _json(status: int, body: Any) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")


class Storage:
    def __init__(self, fake: FakeSupabase) -> None:
        self.fake = fake

    def _authorize(self, request: Request) -> dict[str, Any]:
        """The jwt plugin: the bearer token must be the project's; then the role must be
        allowed, which here only the service role is."""
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            claims = jwt.decode(
                token, self.fake.jwt_secret, algorithms=["HS256"], options={"verify_aud": False}
            )
        except jwt.PyJWTError as exc:
            raise StorageApiError(403, "AccessDenied", str(exc), error="Unauthorized") from exc
        if claims.get("role") != "service_role":
            raise StorageApiError(
                403,
                "AccessDenied",
                "new row violates row-level security policy",
                error="Unauthorized",
            )
        return claims

    def _bucket(self, bucket_id: str) -> dict[str, Any]:
        with self.fake.lock:
            bucket = self.fake.buckets.get(bucket_id)
        if bucket is None:
            raise StorageApiError(404, "NoSuchBucket", "Bucket not found", "Bucket not found")
        return {
            "id": bucket_id,
            "name": bucket_id,
            "owner": "",
            "public": bool(bucket.get("public", False)),
            "type": "STANDARD",
            "file_size_limit": bucket.get("file_size_limit"),
            "allowed_mime_types": bucket.get("allowed_mime_types"),
            "created_at": "2025-01-01T00:00:00.000Z",
            "updated_at": "2025-01-01T00:00:00.000Z",
        }

    def list_buckets(self, request: Request) -> Response:
        self._authorize(request)
        with self.fake.lock:
            names = sorted(self.fake.buckets)
        return _json(200, [self._bucket(name) for name in names])

    def get_bucket(self, request: Request, bucket_id: str) -> Response:
        self._authorize(request)
        bucket = self._bucket(bucket_id)
        bucket.pop("type")
        return _json(200, bucket)

    def upload(self, request: Request, bucket: str, name: str) -> Response:
        """createObject: multipart with one `file` part; 409 Duplicate unless x-upsert: true."""
        claims = self._authorize(request)
        settings = self._bucket(bucket)
        if not name or not _VALID_KEY.match(name):
            raise StorageApiError(400, "InvalidKey", f"Invalid key: {name}")
        upload = request.files.get("file")
        if upload is None:
            data = request.get_data()
            content_type = request.content_type or "text/plain;charset=UTF-8"
        else:
            data = upload.read()
            content_type = upload.mimetype or "text/plain;charset=UTF-8"
        if not data and upload is None:
            raise StorageApiError(400, "InvalidRequest", "No content provided")
        limit = settings["file_size_limit"]
        if limit is not None and len(data) > int(limit):
            raise StorageApiError(
                413,
                "EntityTooLarge",
                "The object exceeded the maximum allowed size",
                "Payload too large",
            )
        allowed = settings["allowed_mime_types"]
        if allowed and not _mime_allowed(content_type, allowed):
            raise StorageApiError(
                415,
                "InvalidMimeType",
                f"mime type {content_type} is not supported",
                "invalid_mime_type",
            )
        upsert = request.headers.get("x-upsert") == "true"
        now = datetime.now(UTC)
        with self.fake.lock:
            existing = self.fake.objects.get((bucket, name))
            if existing is not None and not upsert:
                raise StorageApiError(409, "Duplicate", "The resource already exists", "Duplicate")
            stored = StoredObject(
                id=existing.id if existing else uuid.uuid4(),
                bucket_id=bucket,
                name=name,
                data=data,
                content_type=content_type,
                cache_control=request.form.get("cacheControl", "3600"),
                owner=claims.get("sub"),
                created_at=existing.created_at if existing else now,
                updated_at=now,
            )
            self.fake.objects[(bucket, name)] = stored
        return _json(200, {"Id": str(stored.id), "Key": f"{bucket}/{name}"})

    def download(self, request: Request, bucket: str, name: str) -> Response:
        """getObject (authenticated): the object's bytes; 404 NoSuchKey when it is not there."""
        self._authorize(request)
        self._bucket(bucket)
        with self.fake.lock:
            stored = self.fake.objects.get((bucket, name))
        if stored is None:
            raise StorageApiError(404, "NoSuchKey", "Object not found", "not_found")
        return Response(stored.data, status=200, content_type=stored.content_type)

    def delete_many(self, request: Request, bucket: str) -> Response:
        """deleteObjects: the objects removed; names that are not there are skipped."""
        self._authorize(request)
        prefixes = _body(request).get("prefixes")
        if not isinstance(prefixes, list) or not prefixes:
            raise StorageApiError(
                400, "InvalidRequest", "body/prefixes must NOT have fewer than 1 items"
            )
        removed = []
        with self.fake.lock:
            for name in prefixes:
                stored = self.fake.objects.pop((bucket, str(name)), None)
                if stored is not None:
                    removed.append(stored.as_json())
        return _json(200, removed)

    def sign_many(self, request: Request, bucket: str) -> Response:
        """getSignedURLs: a URL per path that names an object; an error for the others."""
        self._authorize(request)
        body = _body(request)
        paths, expires_in = body.get("paths"), body.get("expiresIn")
        try:
            expires_in = int(expires_in)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            expires_in = 0
        if not isinstance(paths, list) or not paths or expires_in < 1:
            raise StorageApiError(
                400, "InvalidRequest", "body must have required properties expiresIn, paths"
            )
        with self.fake.lock:
            present = {name for (b, name) in self.fake.objects if b == bucket}
        items = []
        for path in map(str, paths):
            if path in present:
                token = self._sign(f"{bucket}/{path}", expires_in)
                items.append(
                    {
                        "error": None,
                        "path": path,
                        "signedURL": f"/object/sign/{bucket}/{path}?token={token}",
                    }
                )
            else:
                items.append({"error": NOT_FOUND_OR_DENIED, "path": path, "signedURL": None})
        return _json(200, items)

    def _sign(self, url: str, expires_in: int) -> str:
        now = int(time.time())
        claims = {"url": url, "scope": "download", "iat": now, "exp": now + expires_in}
        return jwt.encode(claims, self.fake.jwt_secret, algorithm="HS256")

    def signed(self, request: Request, bucket: str, name: str) -> Response:
        """getSignedObject: the bytes behind a signed URL (no API key needed)."""
        token = request.args.get("token")
        if not token:
            raise StorageApiError(
                400, "InvalidRequest", "querystring must have required property 'token'"
            )
        try:
            claims = jwt.decode(token, self.fake.jwt_secret, algorithms=["HS256"])
        except jwt.ExpiredSignatureError as exc:
            raise StorageApiError(400, "InvalidJWT", "jwt expired") from exc
        except jwt.PyJWTError as exc:
            raise StorageApiError(400, "InvalidJWT", str(exc)) from exc
        if claims.get("scope", "download") != "download" or "upsert" in claims:
            raise StorageApiError(400, "InvalidSignature", "Token is not scoped for download")
        if claims.get("url") != f"{bucket}/{name}":
            raise StorageApiError(400, "InvalidSignature", "Invalid signature")
        with self.fake.lock:
            stored = self.fake.objects.get((bucket, name))
        if stored is None:
            raise StorageApiError(404, "NoSuchKey", "Object not found", "not_found")
        headers = {
            "Cache-Control": f"max-age={stored.cache_control}",
            "ETag": f'"{stored.id.hex}"',
            "Last-Modified": formatdate(stored.updated_at.timestamp(), usegmt=True),
            "Expires": formatdate(claims["exp"], usegmt=True),
            "Accept-Ranges": "bytes",
        }
        if "download" in request.args:
            headers["Content-Disposition"] = "attachment;"
        return Response(stored.data, status=200, headers=headers, content_type=stored.content_type)


def _body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(request.get_data() or b"{}")
    except ValueError as exc:
        raise StorageApiError(400, "InvalidRequest", f"Body is not valid JSON: {exc}") from exc
    if not isinstance(body, dict):
        raise StorageApiError(400, "InvalidRequest", "body must be object")
    return body


def _mime_allowed(content_type: str, allowed: list[str]) -> bool:
    """uploader.ts validateMimeType: type/subtype or type/*."""
    kind, _, sub = content_type.split(";")[0].strip().partition("/")
    for entry in allowed:
        allowed_kind, _, allowed_sub = entry.partition("/")
        if allowed_kind == kind and allowed_sub in ("*", sub):
            return True
    return False
