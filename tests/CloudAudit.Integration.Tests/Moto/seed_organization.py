"""Seeds moto with an account that runs an AWS Organization (usage: seed_organization.py ENDPOINT).

governed: the organization's management account, moved into OU workloads, whose SCP denies iam:PassRole. Two
escalation paths: dev-alice may pass the administrator role lambda-admin to a new function (lambda-001, which the
SCP closes), ops-bob may assume the administrator role break-glass (sts-001, which it leaves open).

Prints {scenario: account}.
"""
import json

from seeding import clients, deny_pass_role_policy, escalation_paths, session

ACCOUNT = "300000000001"


def seed_organization(organizations, account):
    organizations.create_organization(FeatureSet="ALL")
    root = organizations.list_roots()["Roots"][0]["Id"]
    ou = organizations.create_organizational_unit(ParentId=root, Name="workloads")["OrganizationalUnit"]["Id"]
    organizations.move_account(AccountId=account, SourceParentId=root, DestinationParentId=ou)
    deny_pass_role_policy(organizations, ou)


if __name__ == "__main__":
    c = clients(session(ACCOUNT))
    escalation_paths(c("iam"), ACCOUNT)
    seed_organization(c("organizations"), ACCOUNT)
    print(json.dumps({"governed": ACCOUNT}))
