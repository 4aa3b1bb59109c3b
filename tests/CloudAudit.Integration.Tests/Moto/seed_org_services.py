"""Seeds moto with two organizations for the organization checks (usage: seed_org_services.py ENDPOINT).

- gaps (management 400000000021, members security and workload): trusted access for GuardDuty, Security Hub and IAM
  Access Analyzer, not for AWS Config; GuardDuty and Access Analyzer registered to security; GuardDuty's and Security
  Hub's administrator set through the services to security. So aws-org-001 fails for Config only. No organization
  trail: aws-org-002 fails. SCPs enabled on the root; security sits in OU Security, which carries a guardrail, and
  workload in OU Workloads, with nothing but FullAWSAccess above it: aws-org-003 fails for workload only.
- decoy (management 400000000031, members security and workload): all four services trusted and delegated to its
  security account, a logging multi-region organization trail, and a guardrail on the root (both members under
  OUs without one of their own): aws-org-001, aws-org-002 and aws-org-003 pass.

moto registers delegated administrators only for some principals (not securityhub.amazonaws.com nor
config.amazonaws.com) and cannot list Security Hub's administrator: the test answers those reads from recorded
responses naming the security account.

Prints {"gaps": {"management": id, "organization": id, "accounts": {name: id}, "units": {name: ou_id}}, "decoy": {...}}.
"""
import json

from seeding import clients, session

PRINCIPALS = ["guardduty.amazonaws.com", "securityhub.amazonaws.com", "access-analyzer.amazonaws.com", "config.amazonaws.com"]


GUARDRAIL = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]})


def guardrails(organizations, accounts, guarded_root):
    """SCPs enabled; security under OU Security, workload under OU Workloads; the guardrail on the root or on Security."""
    root = organizations.list_roots()["Roots"][0]["Id"]
    organizations.enable_policy_type(RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
    policy = organizations.create_policy(Name="guardrails", Description="Stay in the organization", Type="SERVICE_CONTROL_POLICY",
                                         Content=GUARDRAIL)["Policy"]["PolicySummary"]["Id"]
    units = {}
    for name, account in [("Security", accounts["security"]), ("Workloads", accounts["workload"])]:
        units[name] = organizations.create_organizational_unit(ParentId=root, Name=name)["OrganizationalUnit"]["Id"]
        organizations.move_account(AccountId=account, SourceParentId=root, DestinationParentId=units[name])
    organizations.attach_policy(PolicyId=policy, TargetId=root if guarded_root else units["Security"])
    return units


def seed(management_id, trusted, delegated_through_organizations, organization_trail=False, guarded_root=False):
    management = clients(session(management_id))
    organizations = management("organizations")
    organizations.create_organization(FeatureSet="ALL")
    accounts = {}
    for name in ["security", "workload"]:
        status = organizations.create_account(Email=f"{name}-{management_id}@example.com", AccountName=name)["CreateAccountStatus"]
        accounts[name] = status["AccountId"]
    for principal in trusted:
        organizations.enable_aws_service_access(ServicePrincipal=principal)
    for principal in delegated_through_organizations:
        organizations.register_delegated_administrator(AccountId=accounts["security"], ServicePrincipal=principal)
    management("guardduty").enable_organization_admin_account(AdminAccountId=accounts["security"])
    management("securityhub").enable_organization_admin_account(AdminAccountId=accounts["security"])
    if organization_trail:
        bucket = f"organization-trail-{management_id}"
        management("s3").create_bucket(Bucket=bucket)
        cloudtrail = management("cloudtrail")
        cloudtrail.create_trail(Name="organization-trail", S3BucketName=bucket, IsMultiRegionTrail=True, IsOrganizationTrail=True)
        # AWS records read and write management events on a new trail; moto starts with no selectors, so set them.
        cloudtrail.put_event_selectors(TrailName="organization-trail",
                                       EventSelectors=[{"ReadWriteType": "All", "IncludeManagementEvents": True}])
        cloudtrail.start_logging(Name="organization-trail")
    units = guardrails(organizations, accounts, guarded_root)
    organization = organizations.describe_organization()["Organization"]["Id"]
    return {"management": management_id, "organization": organization, "accounts": accounts, "units": units}


if __name__ == "__main__":
    registered = ["guardduty.amazonaws.com", "access-analyzer.amazonaws.com"]
    gaps = seed("400000000021", PRINCIPALS[:3], registered)
    decoy = seed("400000000031", PRINCIPALS, registered, organization_trail=True, guarded_root=True)
    print(json.dumps({"gaps": gaps, "decoy": decoy}))
