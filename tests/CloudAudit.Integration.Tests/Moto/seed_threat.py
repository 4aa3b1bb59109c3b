"""Seeds moto with two accounts for the threat feed's detectors (usage: seed_threat.py ENDPOINT).

threat: what active abuse leaves standing. Trail org-audit stopped (aws-tf-008, aws-tf-101); a GuardDuty detector in
  eu-west-1 disabled (aws-tf-101); SES identities promo-billing.example.net and billing@promo-billing.example.net, and
  newsletter.example.org created before the window (aws-tf-001); function webhook-relay running as the administrator
  role relay-admin with a URL anyone may call (aws-tf-002); user ci-deployer with the quarantine policy's stand-in
  attached and one active and one inactive key (aws-tf-003); role gpu-batch, fresh, may run instances anywhere and
  send e-mail through SES (aws-tf-005), beside the fresh, scoped role reports-reader; instance legacy-web answering
  IMDSv1 with a profile, and agent runtime triage_agent (aws-tf-006: moto keeps no metadataConfiguration, so every
  runtime reads as not requiring MMDSv2, as AWS leaves one created without it); role ci-builder trusted by
  CodeBuild that may run any image (aws-tf-007); role edge-device trusting Roles Anywhere without pinning an anchor
  (aws-tf-009); user analyst in group data-team holding the DataZone full-access stand-in, and the administrator role
  platform-admin holding it too (aws-tf-010).
threat-quiet: the same kinds of resources set up as a careful team would. Trail org-audit logging; an enabled
  detector; identity newsletter.example.org; function status-page with an AWS_IAM URL and a scoped role; role
  reports-reader; instance web requiring IMDSv2 and agent runtime triage_agent (the tests' proxy adds requireMMDSV2 to
  moto's answer); role ci-builder
  trusted by CodeBuild and limited to images of Amazon and the account; no quarantine or DataZone policy.

moto cannot attach AWS managed policies (it loads none unless started with MOTO_IAM_LOAD_MANAGED_POLICIES), so the
quarantine and DataZone policies are customer managed policies of the same name, path and document: the tests'
proxy gives them AWS's ARN on the way back, as IAM reports an attached AWS managed policy.
Prints {"accounts": {scenario: account}, "ids": {scenario: {name: id}}}.
"""
import io
import json
import zipfile

from seeding import ADMIN, allow, clients, session, trust

ACCOUNTS = {"threat": "300000000041", "threat-quiet": "300000000042"}
OTHER = "eu-west-1"

QUARANTINE = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": [
    "iam:AttachUserPolicy", "iam:CreateAccessKey", "iam:CreateUser", "ec2:RunInstances", "lambda:CreateFunction",
    "organizations:LeaveOrganization", "ses:SendEmail"], "Resource": "*"}]})
DATAZONE_FULL = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["datazone:*", "glue:GetDatabases", "glue:GetTables", "ram:GetResourceShareAssociations"],
     "Resource": "*"}]})


def function_code():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return {}\n")
    return archive.getvalue()


def seed_logging(c, abused, ids):
    s3, cloudtrail = c("s3"), c("cloudtrail")
    s3.create_bucket(Bucket=f"audit-logs-{ids['account']}")
    ids["trail"] = cloudtrail.create_trail(Name="org-audit", S3BucketName=f"audit-logs-{ids['account']}",
                                           IsMultiRegionTrail=True)["TrailARN"]
    cloudtrail.start_logging(Name="org-audit")
    guardduty = c("guardduty", OTHER)
    ids["detector"] = guardduty.create_detector(Enable=True)["DetectorId"]
    if abused:
        cloudtrail.stop_logging(Name="org-audit")
        guardduty.update_detector(DetectorId=ids["detector"], Enable=False)


def seed_ses(c, abused):
    ses = c("sesv2")
    ses.create_email_identity(EmailIdentity="newsletter.example.org")
    if abused:
        ses.create_email_identity(EmailIdentity="promo-billing.example.net")
        ses.create_email_identity(EmailIdentity="billing@promo-billing.example.net")


def seed_lambda(c, account, abused, ids):
    iam, lam = c("iam"), c("lambda")
    lambda_trust = trust({"Service": "lambda.amazonaws.com"})
    name, role = ("webhook-relay", "relay-admin") if abused else ("status-page", "status-reader")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=lambda_trust)
    iam.put_role_policy(RoleName=role, PolicyName="access", PolicyDocument=ADMIN if abused else allow("s3:GetObject"))
    ids["function"] = lam.create_function(FunctionName=name, Runtime="python3.13", Role=f"arn:aws:iam::{account}:role/{role}",
                                          Handler="index.handler", Code={"ZipFile": function_code()})["FunctionArn"]
    # moto stores the URL but has no ListFunctionUrlConfigs to list it: the tests answer that from Recorded/lambda.
    lam.create_function_url_config(FunctionName=name, AuthType="NONE" if abused else "AWS_IAM")
    if abused:
        lam.add_permission(FunctionName=name, StatementId="FunctionURLAllowPublicAccess", Action="lambda:InvokeFunctionUrl",
                           Principal="*", FunctionUrlAuthType="NONE")
        # URLs created from October 2025 on also need InvokeFunction; AWS adds it for calls through the URL only.
        lam.add_permission(FunctionName=name, StatementId="FunctionURLInvokeAllowPublicAccess", Action="lambda:InvokeFunction",
                           Principal="*", InvokedViaFunctionUrl=True)


def seed_roles(c, account, abused):
    iam = c("iam")
    iam.create_role(RoleName="reports-reader", AssumeRolePolicyDocument=trust({"Service": "ec2.amazonaws.com"}))
    iam.put_role_policy(RoleName="reports-reader", PolicyName="read", PolicyDocument=allow(["s3:GetObject", "s3:ListBucket"]))
    iam.create_role(RoleName="ci-builder", AssumeRolePolicyDocument=trust({"Service": "codebuild.amazonaws.com"}))
    if abused:
        iam.put_role_policy(RoleName="ci-builder", PolicyName="build", PolicyDocument=allow(["ec2:RunInstances", "ec2:DescribeImages"]))
        iam.create_role(RoleName="gpu-batch", AssumeRolePolicyDocument=trust({"Service": "ec2.amazonaws.com"}))
        iam.put_role_policy(RoleName="gpu-batch", PolicyName="compute", PolicyDocument=allow(
            ["ec2:RunInstances", "ec2:RequestSpotInstances", "ses:SendEmail", "ses:SendRawEmail"]))
        iam.create_role(RoleName="edge-device", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "rolesanywhere.amazonaws.com"},
             "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]}]}))
        iam.put_role_policy(RoleName="edge-device", PolicyName="telemetry", PolicyDocument=allow("iot:Publish"))
        return
    # Launches only from images of Amazon or of the account: no stranger's image, and nothing on "*".
    iam.put_role_policy(RoleName="ci-builder", PolicyName="build", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "arn:aws:ec2:*::image/*",
         "Condition": {"StringEquals": {"ec2:Owner": ["amazon", account]}}},
        {"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": [
            f"arn:aws:ec2:*:{account}:{kind}/*" for kind in ("instance", "network-interface", "security-group", "subnet", "volume")]}]}))


def seed_managed_stand_ins(c, account, ids):
    """The quarantine and DataZone policies, customer managed under the AWS policy's name (see the module's note)."""
    iam = c("iam")
    quarantine = iam.create_policy(PolicyName="AWSCompromisedKeyQuarantineV2", PolicyDocument=QUARANTINE)["Policy"]["Arn"]
    datazone = iam.create_policy(PolicyName="AmazonDataZoneFullAccess", PolicyDocument=DATAZONE_FULL)["Policy"]["Arn"]
    iam.create_user(UserName="ci-deployer")
    iam.attach_user_policy(UserName="ci-deployer", PolicyArn=quarantine)
    iam.put_user_policy(UserName="ci-deployer", PolicyName="deploy", PolicyDocument=allow(["s3:PutObject", "cloudformation:*"]))
    active = iam.create_access_key(UserName="ci-deployer")["AccessKey"]["AccessKeyId"]
    old = iam.create_access_key(UserName="ci-deployer")["AccessKey"]["AccessKeyId"]
    iam.update_access_key(UserName="ci-deployer", AccessKeyId=old, Status="Inactive")
    ids["active-key"], ids["inactive-key"] = active, old
    iam.create_group(GroupName="data-team")
    iam.attach_group_policy(GroupName="data-team", PolicyArn=datazone)
    iam.create_user(UserName="analyst")
    iam.add_user_to_group(GroupName="data-team", UserName="analyst")
    iam.create_role(RoleName="platform-admin", AssumeRolePolicyDocument=trust({"AWS": f"arn:aws:iam::{account}:root"}))
    iam.put_role_policy(RoleName="platform-admin", PolicyName="admin", PolicyDocument=ADMIN)
    iam.attach_role_policy(RoleName="platform-admin", PolicyArn=datazone)


def seed_compute(c, abused, ids):
    ec2 = c("ec2")
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    iam = c("iam")
    iam.create_instance_profile(InstanceProfileName="reports-reader")
    iam.add_role_to_instance_profile(InstanceProfileName="reports-reader", RoleName="reports-reader")
    name = "legacy-web" if abused else "web"
    ids["instance"] = ec2.run_instances(
        ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro", IamInstanceProfile={"Name": "reports-reader"},
        MetadataOptions={"HttpTokens": "optional" if abused else "required", "HttpEndpoint": "enabled"},
        TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": name}]}])["Instances"][0]["InstanceId"]
    agentcore = c("bedrock-agentcore-control")
    ids["runtime"] = agentcore.create_agent_runtime(
        agentRuntimeName="triage_agent", roleArn=f"arn:aws:iam::{ids['account']}:role/reports-reader",
        agentRuntimeArtifact={"containerConfiguration": {"containerUri": f"{ids['account']}.dkr.ecr.us-east-1.amazonaws.com/triage:1"}},
        networkConfiguration={"networkMode": "PUBLIC"})["agentRuntimeArn"]


def seed(account, abused):
    c = clients(session(account))
    ids = {"account": account}
    seed_logging(c, abused, ids)
    seed_ses(c, abused)
    seed_lambda(c, account, abused, ids)
    seed_roles(c, account, abused)
    if abused:
        seed_managed_stand_ins(c, account, ids)
    seed_compute(c, abused, ids)
    return ids


ids = {scenario: seed(account, scenario == "threat") for scenario, account in ACCOUNTS.items()}
print(json.dumps({"accounts": ACCOUNTS, "ids": ids}))
