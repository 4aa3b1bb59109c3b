"""What the seeding scripts share: the moto endpoint, a boto3 session inside a scenario account, clients that reach moto.

moto puts what credentials from sts:AssumeRole create into the role's account, so a scenario assumes
arn:aws:iam::<its account>:role/seeder and builds its resources there.
"""
import io
import json
import sys
import zipfile

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


def function_code():
    """A Lambda deployment package: a handler that does nothing (moto stores the code and never runs it)."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return {}\n")
    return archive.getvalue()


ADMIN = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})


def allow(actions):
    return json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]})


def trust(principal):
    return json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}]})


def service_role(iam, name, service, policy):
    """A role the service may assume, with one inline policy; returns its ARN."""
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust({"Service": service}))["Role"]["Arn"]
    iam.put_role_policy(RoleName=name, PolicyName="access", PolicyDocument=policy)
    return arn


def lambda_function(c, name, role_arn):
    """A Python function that does nothing, running as role_arn; returns its ARN."""
    return c("lambda").create_function(FunctionName=name, Runtime="python3.12", Role=role_arn, Handler="index.handler",
                                       Code={"ZipFile": function_code()})["FunctionArn"]


def escalation_paths(iam, account):
    """Two escalation paths: dev-alice may pass the administrator role lambda-admin to a new function (lambda-001),
    ops-bob may assume the administrator role break-glass (sts-001)."""
    iam.create_role(RoleName="lambda-admin", AssumeRolePolicyDocument=trust({"Service": "lambda.amazonaws.com"}))
    iam.put_role_policy(RoleName="lambda-admin", PolicyName="admin", PolicyDocument=ADMIN)
    iam.create_role(RoleName="break-glass", AssumeRolePolicyDocument=trust({"AWS": f"arn:aws:iam::{account}:root"}))
    iam.put_role_policy(RoleName="break-glass", PolicyName="admin", PolicyDocument=ADMIN)
    iam.create_user(UserName="dev-alice")
    iam.put_user_policy(UserName="dev-alice", PolicyName="deploy",
                        PolicyDocument=allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]))
    iam.create_user(UserName="ops-bob")
    iam.put_user_policy(UserName="ops-bob", PolicyName="assume", PolicyDocument=allow("sts:AssumeRole"))


def deny_pass_role_policy(organizations, target):
    """An SCP denying iam:PassRole, attached to target (an OU)."""
    policy = organizations.create_policy(Name="no-pass-role", Description="roles are passed by the platform only",
                                         Type="SERVICE_CONTROL_POLICY", Content=json.dumps({"Version": "2012-10-17", "Statement": [
                                             {"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"}]}))
    organizations.attach_policy(PolicyId=policy["Policy"]["PolicySummary"]["Id"], TargetId=target)
