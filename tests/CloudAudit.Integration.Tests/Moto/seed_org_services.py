"""Seeds moto with two organizations for the organization checks (usage: seed_org_services.py ENDPOINT).

- gaps (management 400000000021, members security and workload): trusted access for GuardDuty, Security Hub and IAM
  Access Analyzer, not for AWS Config; GuardDuty and Access Analyzer registered to security; GuardDuty's and Security
  Hub's administrator set through the services to security. So aws-org-001 fails for Config only. No organization
  trail: aws-org-002 fails.
- decoy (management 400000000031, members security and workload): all four services trusted and delegated to its
  security account, and a logging multi-region organization trail: aws-org-001 and aws-org-002 pass.

moto registers delegated administrators only for some principals (not securityhub.amazonaws.com nor
config.amazonaws.com) and cannot list Security Hub's administrator: the test answers those reads from recorded
responses naming the security account.

Prints {"gaps": {"management": id, "organization": id, "accounts": {name: id}}, "decoy": {...}}.
"""
import json

from seeding import clients, session

PRINCIPALS = ["guardduty.amazonaws.com", "securityhub.amazonaws.com", "access-analyzer.amazonaws.com", "config.amazonaws.com"]


def seed(management_id, trusted, delegated_through_organizations, organization_trail=False):
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
    organization = organizations.describe_organization()["Organization"]["Id"]
    return {"management": management_id, "organization": organization, "accounts": accounts}


if __name__ == "__main__":
    registered = ["guardduty.amazonaws.com", "access-analyzer.amazonaws.com"]
    gaps = seed("400000000021", PRINCIPALS[:3], registered)
    decoy = seed("400000000031", PRINCIPALS, registered, organization_trail=True)
    print(json.dumps({"gaps": gaps, "decoy": decoy}))
