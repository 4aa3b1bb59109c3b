"""Seeds moto with an account under resource control policies (usage: seed_rcp.py ENDPOINT).

rcp: the organization's management account (moto keeps the organization in the account that creates it), moved
into OU workloads. The OU holds AWS's defaults (FullAWSAccess, RCPFullAWSAccess, which moto attaches to every new OU) and the RCP platform-only, which
denies sts:AssumeRole and kms:Decrypt on the account's resources to every principal not tagged team=platform.
IAM: escalation_paths (dev-alice: lambda-001 to lambda-admin; ops-bob: sts-001 to break-glass) and platform-admin,
an administrator tagged team=platform. Scanned as the management account the RCP does not apply; scanned as a member
(a proxy answers DescribeOrganization with another management account) it unmakes break-glass and lambda-admin as
administrators and closes ops-bob's sts-001.

Prints {scenario: account}.
"""
import json

from seeding import ADMIN, clients, escalation_paths, session, trust

ACCOUNT = "300000000081"

PLATFORM_ONLY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Sid": "PlatformOnly", "Effect": "Deny", "Principal": "*", "Action": ["sts:AssumeRole", "kms:Decrypt"], "Resource": "*",
     "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "platform"}}}]})


def seed_organization(organizations, account):
    organizations.create_organization(FeatureSet="ALL")
    root = organizations.list_roots()["Roots"][0]["Id"]
    organizations.enable_policy_type(RootId=root, PolicyType="RESOURCE_CONTROL_POLICY")
    ou = organizations.create_organizational_unit(ParentId=root, Name="workloads")["OrganizationalUnit"]["Id"]
    organizations.move_account(AccountId=account, SourceParentId=root, DestinationParentId=ou)
    rcp = organizations.create_policy(Name="platform-only", Description="only the platform team assumes roles and decrypts",
                                      Type="RESOURCE_CONTROL_POLICY", Content=PLATFORM_ONLY)
    organizations.attach_policy(PolicyId=rcp["Policy"]["PolicySummary"]["Id"], TargetId=ou)


if __name__ == "__main__":
    c = clients(session(ACCOUNT))
    iam = c("iam")
    escalation_paths(iam, ACCOUNT)
    iam.create_role(RoleName="platform-admin", AssumeRolePolicyDocument=trust({"AWS": f"arn:aws:iam::{ACCOUNT}:root"}),
                    Tags=[{"Key": "team", "Value": "platform"}])
    iam.put_role_policy(RoleName="platform-admin", PolicyName="admin", PolicyDocument=ADMIN)
    seed_organization(c("organizations"), ACCOUNT)
    print(json.dumps({"rcp": ACCOUNT}))
