"""Seeds moto with two accounts for the reference tool's relationship chains AC-05, AC-23, AC-24 and AC-29
(usage: seed_chains_reference.py ENDPOINT); seed_chains.py holds AC-01, AC-02 and AC-07.

Both accounts have the network of seed_chains.py (a VPC with an internet gateway and no flow logs, a public subnet
that routes to it, a private one that does not, security group web-open admitting SSH from anywhere), the bucket
data-<account>, GitHub's OIDC provider, and:
- three instances behind web-open, all managed by Systems Manager: legacy-web has missing patches (aws-ssm-003), front
  (in the public subnet) and batch (in the private one) are patched. moto has no DescribeInstanceInformation or
  DescribeInstancePatchStates: the tests answer both as AWS does (Recorded/ssm) for the instance IDs printed here;
- two Lambda functions with URLs: public-api's needs no authentication (aws-lambda-001) and its policy lets anyone
  invoke it, admin-jobs's needs signed requests. moto has no ListFunctionUrlConfigs: the tests answer it from
  Recorded/lambda;
- roles that GitHub workflows may assume: ci-data reads the objects of data-<account>, ci-ops may run commands on batch
  (ssm:SendCommand); neither is an administrator.

chains-reference, the parts linked: the unpatched instance legacy-web is in the public subnet (AC-29); public-api runs
  as api-admin, an administrator (AC-05), and admin-jobs as api-reader, which may only read CloudWatch metrics; any
  workflow (the trust checks only the audience) may assume ci-data (AC-23) and ci-ops (AC-24).
chains-reference-decoy, the same findings apart: legacy-web (unpatched) is in the private subnet, so only front, which
  is patched, is exposed; public-api runs as api-reader and api-admin runs admin-jobs; ci-data and ci-ops are bound to
  one repository's main branch, and ci-open, which any workflow may assume, may only describe instances.

Prints {"accounts": {scenario: account}, "ids": {scenario: {name: id}}}: moto draws the instance IDs at random.
"""
import json

from seed_chains import EC2_TRUST, allow, document, github_trust, role, seed_network
from seeding import HOME, clients, function_code, session

ACCOUNTS = {"chains-reference": "300000000051", "chains-reference-decoy": "300000000052"}
REPOSITORY = "repo:example-org/app:ref:refs/heads/main"
LAMBDA_TRUST = document({"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"})


def seed_instances(iam, ec2, linked, ids):
    """Three SSM-managed instances behind web-open: whether the unpatched one is exposed tells the accounts apart."""
    _, public, private, group = seed_network(ec2)
    iam.create_role(RoleName="ssm-managed", AssumeRolePolicyDocument=EC2_TRUST)
    iam.put_role_policy(RoleName="ssm-managed", PolicyName="access", PolicyDocument=document(
        allow(["ssm:UpdateInstanceInformation", "ssmmessages:*", "ec2messages:*"])))
    iam.create_instance_profile(InstanceProfileName="ssm-managed")
    iam.add_role_to_instance_profile(InstanceProfileName="ssm-managed", RoleName="ssm-managed")
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]

    def instance(name, subnet):
        ids[name] = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro", SubnetId=subnet,
                                      SecurityGroupIds=[group], IamInstanceProfile={"Name": "ssm-managed"},
                                      MetadataOptions={"HttpTokens": "required", "HttpEndpoint": "enabled"},
                                      TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": name}]}],
                                      )["Instances"][0]["InstanceId"]

    ids["web-open"] = group
    instance("legacy-web", public if linked else private)
    instance("front", public)
    instance("batch", private)


def seed_functions(iam, lam, account, linked, ids):
    """public-api has a URL anyone may call; the role it runs as is what tells the accounts apart."""
    iam.create_role(RoleName="api-admin", AssumeRolePolicyDocument=LAMBDA_TRUST)
    iam.put_role_policy(RoleName="api-admin", PolicyName="access", PolicyDocument=document(allow("*")))
    iam.create_role(RoleName="api-reader", AssumeRolePolicyDocument=LAMBDA_TRUST)
    iam.put_role_policy(RoleName="api-reader", PolicyName="access", PolicyDocument=document(allow("cloudwatch:GetMetricData")))

    def function(name, role_name, auth_type):
        ids[name] = lam.create_function(FunctionName=name, Runtime="python3.13", Role=f"arn:aws:iam::{account}:role/{role_name}",
                                        Handler="index.handler", Code={"ZipFile": function_code()})["FunctionArn"]
        # moto stores the URL but has no ListFunctionUrlConfigs to list it: the tests answer that from Recorded/lambda.
        lam.create_function_url_config(FunctionName=name, AuthType=auth_type)

    function("public-api", "api-admin" if linked else "api-reader", "NONE")
    # What AWS adds with a URL of auth type NONE, so that anyone may call it. moto keeps the condition as a bare key of
    # the statement; the tests' proxy gives GetPolicy AWS's shape back.
    lam.add_permission(FunctionName="public-api", StatementId="FunctionURLAllowPublicAccess", Action="lambda:InvokeFunctionUrl",
                       Principal="*", FunctionUrlAuthType="NONE")
    # URLs created from October 2025 on also need InvokeFunction; AWS adds it for calls through the URL only.
    lam.add_permission(FunctionName="public-api", StatementId="FunctionURLInvokeAllowPublicAccess", Action="lambda:InvokeFunction",
                       Principal="*", InvokedViaFunctionUrl=True)
    function("admin-jobs", "api-reader" if linked else "api-admin", "AWS_IAM")


def seed_ci(iam, account, linked, ids):
    """Workflow roles: in the linked account the ones that read data or run commands trust any workflow."""
    bucket, batch = f"data-{account}", ids["batch"]
    read_data = document(allow("s3:GetObject", f"arn:aws:s3:::{bucket}/*"))
    run_commands = document(allow("ssm:SendCommand", [f"arn:aws:ec2:{HOME}:{account}:instance/{batch}",
                                                      f"arn:aws:ssm:{HOME}::document/AWS-RunShellScript"]))
    subject = None if linked else REPOSITORY
    role(iam, "ci-data", github_trust(account, subject), read_data)
    role(iam, "ci-ops", github_trust(account, subject), run_commands)
    if not linked:
        role(iam, "ci-open", github_trust(account, None), document(allow("ec2:DescribeInstances")))


def seed(c, account, linked):
    ids = {}
    iam, ec2 = c("iam"), c("ec2")
    c("s3").create_bucket(Bucket=f"data-{account}")
    iam.create_open_id_connect_provider(Url="https://token.actions.githubusercontent.com", ClientIDList=["sts.amazonaws.com"],
                                       ThumbprintList=["6938fd4d98bab03faadb97b34396831e3780aea1"])
    seed_instances(iam, ec2, linked, ids)
    seed_functions(iam, c("lambda"), account, linked, ids)
    seed_ci(iam, account, linked, ids)
    return ids


if __name__ == "__main__":
    seeded = {scenario: seed(clients(session(account)), account, linked=scenario == "chains-reference")
              for scenario, account in ACCOUNTS.items()}
    print(json.dumps({"accounts": ACCOUNTS, "ids": seeded}))
