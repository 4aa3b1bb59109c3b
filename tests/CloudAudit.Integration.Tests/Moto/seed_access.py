"""Seeds moto with an account for `cloud-audit access` (usage: seed_access.py ENDPOINT).

access: principals that are administrators by every route, and principals that only look like one.
  administrators: managed-admin (a customer managed policy allowing everything), inline-admin (an inline one),
  group-admin (through group platform, itself reported), split-admin (NotAction iam:* in one policy, iam:* in another).
  lookalikes: denied-admin (plus a Deny on everything), notaction-denied (plus a Deny on everything but S3),
  nothing-bounded (a boundary that allows nothing), ec2-bounded (a boundary that allows only EC2), split-bounded (the
  split allows, with a boundary that leaves out IAM). Roles carry the boundaries: moto drops users' boundaries.
  analyst may read the reports bucket, whose policy admits partner account 444455556666 and denies deletes to all.
moto loads no AWS managed policy here, so administrators hold customer managed and inline policies.

Prints {scenario: account}.
"""
import json

from seeding import clients, session

ACCOUNT = "300000000002"
BUCKET = f"reports-{ACCOUNT}"


def document(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(actions, resource="*"):
    return {"Effect": "Allow", "Action": actions, "Resource": resource}


TRUST = document({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "sts:AssumeRole"})


def seed_iam(iam):
    arn = {}
    for name, policy in [
        ("everything", document(allow("*"))),
        ("all-but-iam", document({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})),
        ("only-ec2", document(allow("ec2:*"))),
        ("allows-nothing", document({"Effect": "Deny", "Action": "*", "Resource": "*"})),
    ]:
        arn[name] = iam.create_policy(PolicyName=name, PolicyDocument=policy)["Policy"]["Arn"]

    iam.create_user(UserName="managed-admin")
    iam.attach_user_policy(UserName="managed-admin", PolicyArn=arn["everything"])
    iam.create_user(UserName="inline-admin")
    iam.put_user_policy(UserName="inline-admin", PolicyName="all", PolicyDocument=document(allow("*")))
    iam.create_group(GroupName="platform")
    iam.put_group_policy(GroupName="platform", PolicyName="all", PolicyDocument=document(allow("*")))
    iam.create_user(UserName="group-admin")
    iam.add_user_to_group(GroupName="platform", UserName="group-admin")
    iam.create_user(UserName="analyst")
    iam.put_user_policy(UserName="analyst", PolicyName="read", PolicyDocument=document(allow("s3:GetObject", f"arn:aws:s3:::{BUCKET}/*")))

    def role(name, managed=(), inline=None, boundary=None):
        extra = {"PermissionsBoundary": arn[boundary]} if boundary else {}
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=TRUST, **extra)
        for policy in managed:
            iam.attach_role_policy(RoleName=name, PolicyArn=arn[policy])
        if inline:
            iam.put_role_policy(RoleName=name, PolicyName=inline[0], PolicyDocument=inline[1])

    role("split-admin", ["all-but-iam"], ("iam", document(allow("iam:*"))))
    role("denied-admin", ["everything"], ("deny", document({"Effect": "Deny", "Action": "*", "Resource": "*"})))
    role("notaction-denied", ["everything"], ("deny", document({"Effect": "Deny", "NotAction": "s3:*", "Resource": "*"})))
    role("nothing-bounded", ["everything"], boundary="allows-nothing")
    role("ec2-bounded", ["everything"], boundary="only-ec2")
    role("split-bounded", ["all-but-iam"], ("iam", document(allow("iam:*"))), boundary="all-but-iam")


def seed_s3(s3):
    s3.create_bucket(Bucket=BUCKET)
    s3.put_bucket_policy(Bucket=BUCKET, Policy=document(
        {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject",
         "Resource": f"arn:aws:s3:::{BUCKET}/*"},
        {"Sid": "NoDeletes", "Effect": "Deny", "Principal": "*", "Action": "s3:DeleteObject", "Resource": f"arn:aws:s3:::{BUCKET}/*"}))


if __name__ == "__main__":
    c = clients(session(ACCOUNT))
    seed_iam(c("iam"))
    seed_s3(c("s3"))
    print(json.dumps({"access": ACCOUNT}))
