"""Seeds moto with an AWS Organization of several accounts, for --organization (usage: seed_org_members.py ENDPOINT).

The management account 400000000001 creates the organization, OUs prod (with prod/web inside) and sandbox, an SCP on
prod that denies iam:PassRole, and member accounts with organizations:CreateAccount (moto draws their IDs). Each member
is seeded through credentials of a role assumed in it, as the scanner reaches it:

- prod-app (prod): no password policy (aws-iam-006 fails); dev-alice may pass an administrator role to Lambda (closed
  by prod's SCP) and ops-bob may assume an administrator role (left open) for aws-iam-018.
- web (prod/web): a strong password policy.
- sandbox (sandbox): a strong password policy.
- locked (sandbox): the test makes its role unassumable through a proxy answer.
- retired (sandbox): closed, so SUSPENDED: left out of the scan.
The management account has a strong password policy.

Prints {"management": id, "organization": id, "accounts": {name: id}, "ous": {name: id}}.
"""
import json

from seeding import clients, deny_pass_role_policy, escalation_paths, session

MANAGEMENT = "400000000001"


def strong_password_policy(iam):
    iam.update_account_password_policy(MinimumPasswordLength=14, PasswordReusePrevention=24, RequireSymbols=True,
                                       RequireNumbers=True, RequireUppercaseCharacters=True, RequireLowercaseCharacters=True,
                                       MaxPasswordAge=90)


def seed_organization(organizations):
    organizations.create_organization(FeatureSet="ALL")
    root = organizations.list_roots()["Roots"][0]["Id"]

    def unit(parent, name):
        return organizations.create_organizational_unit(ParentId=parent, Name=name)["OrganizationalUnit"]["Id"]

    ous = {"prod": unit(root, "prod"), "sandbox": unit(root, "sandbox")}
    ous["web"] = unit(ous["prod"], "web")
    deny_pass_role_policy(organizations, ous["prod"])

    accounts = {}
    for name, ou in [("prod-app", "prod"), ("web", "web"), ("sandbox", "sandbox"), ("locked", "sandbox"), ("retired", "sandbox")]:
        status = organizations.create_account(Email=f"{name}@example.com", AccountName=name)["CreateAccountStatus"]
        accounts[name] = status["AccountId"]
        organizations.move_account(AccountId=accounts[name], SourceParentId=root, DestinationParentId=ous[ou])
    organizations.close_account(AccountId=accounts["retired"])
    return organizations.describe_organization()["Organization"]["Id"], accounts, ous


if __name__ == "__main__":
    management = clients(session(MANAGEMENT))
    organization, accounts, ous = seed_organization(management("organizations"))
    strong_password_policy(management("iam"))
    prod = clients(session(accounts["prod-app"]))
    escalation_paths(prod("iam"), accounts["prod-app"])
    for name in ["web", "sandbox"]:
        strong_password_policy(clients(session(accounts[name]))("iam"))
    print(json.dumps({"management": MANAGEMENT, "organization": organization, "accounts": accounts, "ous": ous}))
