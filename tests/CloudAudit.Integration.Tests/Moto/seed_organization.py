"""Seeds moto with an account that runs an AWS Organization (usage: seed_organization.py ENDPOINT).

governed: the organization's management account, moved into OU workloads, whose SCP denies iam:PassRole. Two
escalation paths: dev-alice may pass the administrator role lambda-admin to a new function (lambda-001, which the
SCP closes), ops-bob may assume the administrator role break-glass (sts-001, which it leaves open).

Prints {scenario: account}.
"""
import json

from seeding import clients, session

ACCOUNT = "300000000001"
ADMIN = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})


def allow(actions):
    return json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]})


def trust(principal):
    return json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}]})


def seed_iam(iam, account):
    iam.create_role(RoleName="lambda-admin", AssumeRolePolicyDocument=trust({"Service": "lambda.amazonaws.com"}))
    iam.put_role_policy(RoleName="lambda-admin", PolicyName="admin", PolicyDocument=ADMIN)
    iam.create_role(RoleName="break-glass", AssumeRolePolicyDocument=trust({"AWS": f"arn:aws:iam::{account}:root"}))
    iam.put_role_policy(RoleName="break-glass", PolicyName="admin", PolicyDocument=ADMIN)
    iam.create_user(UserName="dev-alice")
    iam.put_user_policy(UserName="dev-alice", PolicyName="deploy",
                        PolicyDocument=allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]))
    iam.create_user(UserName="ops-bob")
    iam.put_user_policy(UserName="ops-bob", PolicyName="assume", PolicyDocument=allow("sts:AssumeRole"))


def seed_organization(organizations, account):
    organizations.create_organization(FeatureSet="ALL")
    root = organizations.list_roots()["Roots"][0]["Id"]
    ou = organizations.create_organizational_unit(ParentId=root, Name="workloads")["OrganizationalUnit"]["Id"]
    organizations.move_account(AccountId=account, SourceParentId=root, DestinationParentId=ou)
    policy = organizations.create_policy(Name="no-pass-role", Description="roles are passed by the platform only",
                                         Type="SERVICE_CONTROL_POLICY", Content=json.dumps({"Version": "2012-10-17", "Statement": [
                                             {"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"}]}))
    organizations.attach_policy(PolicyId=policy["Policy"]["PolicySummary"]["Id"], TargetId=ou)


if __name__ == "__main__":
    c = clients(session(ACCOUNT))
    seed_iam(c("iam"), ACCOUNT)
    seed_organization(c("organizations"), ACCOUNT)
    print(json.dumps({"governed": ACCOUNT}))
