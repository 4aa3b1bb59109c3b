"""Seeds moto with two accounts for the attack chains (usage: seed_chains.py ENDPOINT).

chains: the parts of AC-01, AC-02, AC-13, CA-04 and CA-05 on linked resources. A VPC with an internet gateway and no
  flow logs; a public subnet (its route table sends 0.0.0.0/0 to the gateway; it gives instances a public IP) under the
  default NACL; security group web-open admits SSH from anywhere. Instance web (IMDSv1) runs as web-admin, an
  administrator by an inline policy; instance api (IMDSv2) runs as app, which may read the objects of bucket
  data-<account> and assume ops-admin, an administrator. Both instances are in the public subnet behind web-open.
chains-decoy: the same findings on resources that are not linked. The open group's VPC has flow logs, and another VPC
  has none but holds no open group; the exposed instance web runs as plain (no power, IMDSv2); web-admin (IMDSv1) and
  app run instances in a private subnet, whose route table has no route to the gateway.
Both accounts also hold the identity parts of AC-07, AC-12/AC-26 and CA-08 (seed_identity). In chains: the role
  deploy, which any GitHub workflow can assume (the trust checks only the audience), is an administrator; the console
  user ops-lead has no MFA and is an administrator; vendor-admin, an administrator, trusts account 999999999999 with no
  external ID. In chains-decoy the same findings sit apart: deploy is bound to one repository's main branch and ci-open,
  open to any workflow, may do nothing; ops-lead (no MFA) may only read EC2, and admin-mfa, the administrator, has an
  MFA device; vendor-admin requires an external ID, and vendor-reader, which does not, may only read EC2.
Prints {scenario: account}.
"""
import json

from seeding import clients, session

ACCOUNTS = {"chains": "300000000031", "chains-decoy": "300000000032"}


def document(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(actions, resource="*"):
    return {"Effect": "Allow", "Action": actions, "Resource": resource}


EC2_TRUST = document({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"})


def instance_role(iam, name, policy):
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=EC2_TRUST)
    iam.put_role_policy(RoleName=name, PolicyName="access", PolicyDocument=policy)
    iam.create_instance_profile(InstanceProfileName=name)
    iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=name)


def seed_iam(iam, account, bucket):
    instance_role(iam, "web-admin", document(allow("*")))
    instance_role(iam, "app", document(allow("s3:GetObject", f"arn:aws:s3:::{bucket}/*"),
                                       allow("sts:AssumeRole", f"arn:aws:iam::{account}:role/ops-admin")))
    instance_role(iam, "plain", document(allow("ec2:DescribeInstances")))
    iam.create_role(RoleName="ops-admin", AssumeRolePolicyDocument=document(
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:role/app"}, "Action": "sts:AssumeRole"}))
    iam.put_role_policy(RoleName="ops-admin", PolicyName="all", PolicyDocument=document(allow("*")))


GITHUB = "token.actions.githubusercontent.com"


def github_trust(account, subject):
    condition = {"StringEquals": {f"{GITHUB}:aud": "sts.amazonaws.com"}}
    if subject:
        condition["StringLike"] = {f"{GITHUB}:sub": subject}
    return document({"Effect": "Allow", "Principal": {"Federated": f"arn:aws:iam::{account}:oidc-provider/{GITHUB}"},
                     "Action": "sts:AssumeRoleWithWebIdentity", "Condition": condition})


def vendor_trust(external_id=None):
    statement = {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999999999999:root"}, "Action": "sts:AssumeRole"}
    if external_id:
        statement["Condition"] = {"StringEquals": {"sts:ExternalId": external_id}}
    return document(statement)


def role(iam, name, trust, policy):
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust)
    iam.put_role_policy(RoleName=name, PolicyName="access", PolicyDocument=policy)


def console_user(iam, name, policy, mfa=False):
    iam.create_user(UserName=name)
    iam.create_login_profile(UserName=name, Password="Correct-Horse-9-Battery")
    iam.put_user_policy(UserName=name, PolicyName="access", PolicyDocument=policy)
    if mfa:
        serial = iam.create_virtual_mfa_device(VirtualMFADeviceName=name)["VirtualMFADevice"]["SerialNumber"]
        iam.enable_mfa_device(UserName=name, SerialNumber=serial, AuthenticationCode1="123456", AuthenticationCode2="654321")


def seed_identity(iam, account, linked):
    """AC-07, AC-12 (or AC-26, which supersedes it when no alarm watches privileged activity) and CA-08."""
    iam.create_open_id_connect_provider(Url=f"https://{GITHUB}", ClientIDList=["sts.amazonaws.com"], ThumbprintList=["6938fd4d98bab03faadb97b34396831e3780aea1"])
    admin, describe = document(allow("*")), document(allow("ec2:DescribeInstances"))
    if linked:
        role(iam, "deploy", github_trust(account, None), admin)
        console_user(iam, "ops-lead", admin)
        role(iam, "vendor-admin", vendor_trust(), admin)
        return
    role(iam, "deploy", github_trust(account, "repo:example-org/app:ref:refs/heads/main"), admin)
    role(iam, "ci-open", github_trust(account, None), describe)
    console_user(iam, "ops-lead", describe)
    console_user(iam, "admin-mfa", admin, mfa=True)
    role(iam, "vendor-admin", vendor_trust("b7f1c2d4-vendor"), admin)
    role(iam, "vendor-reader", vendor_trust(), describe)


def seed_network(ec2):
    """A VPC with an internet gateway, a public and a private subnet, and a security group open to SSH."""
    vpc = ec2.create_vpc(CidrBlock="10.60.0.0/16")["Vpc"]["VpcId"]
    gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc)
    public = ec2.create_subnet(VpcId=vpc, CidrBlock="10.60.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    ec2.modify_subnet_attribute(SubnetId=public, MapPublicIpOnLaunch={"Value": True})
    table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=gateway)
    ec2.associate_route_table(RouteTableId=table, SubnetId=public)
    private = ec2.create_subnet(VpcId=vpc, CidrBlock="10.60.2.0/24", AvailabilityZone="us-east-1b")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="web-open", Description="web", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    return vpc, public, private, group


def seed(c, account, linked):
    iam, ec2, s3, logs = c("iam"), c("ec2"), c("s3"), c("logs")
    bucket = f"data-{account}"
    s3.create_bucket(Bucket=bucket)
    seed_iam(iam, account, bucket)
    seed_identity(iam, account, linked)
    vpc, public, private, group = seed_network(ec2)
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]

    def instance(subnet, profile, tokens):
        return ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro", SubnetId=subnet,
                                 SecurityGroupIds=[group], IamInstanceProfile={"Name": profile},
                                 MetadataOptions={"HttpTokens": tokens, "HttpEndpoint": "enabled"})["Instances"][0]["InstanceId"]

    if linked:
        instance(public, "web-admin", "optional")
        instance(public, "app", "required")
        return
    instance(public, "plain", "required")
    instance(private, "web-admin", "optional")
    instance(private, "app", "required")
    logs.create_log_group(logGroupName="vpc-flows")
    ec2.create_flow_logs(ResourceIds=[vpc], ResourceType="VPC", TrafficType="ALL", LogDestinationType="cloud-watch-logs",
                         LogGroupName="vpc-flows", DeliverLogsPermissionArn=f"arn:aws:iam::{account}:role/flow-logs")
    ec2.create_vpc(CidrBlock="10.70.0.0/16")


if __name__ == "__main__":
    for scenario, account in ACCOUNTS.items():
        seed(clients(session(account)), account, linked=scenario == "chains")
    print(json.dumps(ACCOUNTS))
