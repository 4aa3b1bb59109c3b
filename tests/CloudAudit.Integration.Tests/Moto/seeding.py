"""What the seeding scripts share: the moto endpoint, a boto3 session inside a scenario account, clients that reach moto.

moto puts what credentials from sts:AssumeRole create into the role's account, so a scenario assumes
arn:aws:iam::<its account>:role/seeder and builds its resources there.
"""
import sys

import boto3

ENDPOINT = sys.argv[1]
HOME = "us-east-1"


def session(account):
    sts = boto3.client("sts", endpoint_url=ENDPOINT, region_name=HOME,
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/seeder", RoleSessionName="seed")["Credentials"]
    return boto3.Session(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                         aws_session_token=creds["SessionToken"], region_name=HOME)


def clients(s):
    """A factory of clients of the session that reach moto: c("s3"), c("ec2", "eu-west-1")."""
    return lambda service, region=HOME: s.client(service, endpoint_url=ENDPOINT, region_name=region)


def s3control(s):
    """s3control puts the account in the host name, which a loopback endpoint cannot resolve: send it to ENDPOINT."""
    client = s.client("s3control", endpoint_url=ENDPOINT)
    prefix = ENDPOINT.split("//", 1)[1]

    def strip_account_from_host(request, **_):
        scheme, rest = request.url.split("//", 1)
        request.url = scheme + "//" + prefix + rest[rest.index("/"):]

    client.meta.events.register("before-send.s3-control.*", strip_account_from_host)
    return client
