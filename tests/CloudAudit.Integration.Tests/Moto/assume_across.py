"""Assumes a role from a role's session, over the wire (usage: assume_across.py ENDPOINT FROM_ROLE_ARN TO_ROLE_ARN).

Takes FROM_ROLE_ARN's credentials, then with them assumes TO_ROLE_ARN (in another account, for a cross-account
trust) and asks STS who the second credentials are and IAM for the roles of their account. Prints
{"caller": {Account, Arn}, "roles": [names]}.
"""
import json
import sys

import boto3

from seeding import ENDPOINT, HOME


def assume(credentials, role_arn, session_name):
    sts = boto3.client("sts", endpoint_url=ENDPOINT, region_name=HOME, **credentials)
    issued = sts.assume_role(RoleArn=role_arn, RoleSessionName=session_name)["Credentials"]
    return {"aws_access_key_id": issued["AccessKeyId"], "aws_secret_access_key": issued["SecretAccessKey"],
            "aws_session_token": issued["SessionToken"]}


if __name__ == "__main__":
    base = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    source = assume(base, sys.argv[2], "source")
    target = assume(source, sys.argv[3], "across")
    caller = boto3.client("sts", endpoint_url=ENDPOINT, region_name=HOME, **target).get_caller_identity()
    roles = boto3.client("iam", endpoint_url=ENDPOINT, region_name=HOME, **target).list_roles()["Roles"]
    print(json.dumps({"caller": {"Account": caller["Account"], "Arn": caller["Arn"]}, "roles": sorted(r["RoleName"] for r in roles)}))
