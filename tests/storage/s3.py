"""A real S3-compatible server for the storage and replica tests: moto's server mode
(`moto[server]` from PyPI), an HTTP server speaking the S3 REST API with signature
checks, started as its own process on a free port. Its objects live in its memory."""

import sys
from dataclasses import dataclass
from pathlib import Path

import boto3

from tests.servers import ServerProcess, free_port

BUCKET = "ideeenmakelaar-test"
KEY_ID, SECRET = "test-key-id", "test-secret-key"


@dataclass
class S3Server:
    url: str
    process: ServerProcess

    def env(self) -> dict:
        """The platform's variables for this store (config/settings/storage.py)."""
        return {
            "STORAGE_BACKEND": "s3",
            "AWS_S3_ENDPOINT_URL": self.url,
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_REGION_NAME": "eu-west-1",
            "AWS_ACCESS_KEY_ID": KEY_ID,
            "AWS_SECRET_ACCESS_KEY": SECRET,
        }

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name="eu-west-1",
            aws_access_key_id=KEY_ID,
            aws_secret_access_key=SECRET,
        )

    def objects(self, prefix: str = "") -> list[str]:
        found = self.client().list_objects_v2(Bucket=BUCKET, Prefix=prefix)
        return sorted(item["Key"] for item in found.get("Contents", []))

    def empty(self) -> None:
        client = self.client()
        for key in self.objects():
            client.delete_object(Bucket=BUCKET, Key=key)


def s3_server_start(folder: Path) -> S3Server:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = ServerProcess(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        ready_url=f"{url}/moto-api/",
        log=folder / "s3.log",
    ).start()
    server = S3Server(url, process)
    server.client().create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    return server
