"""Seeds moto with two accounts for cloud-audit's own chain rules (usage: seed_chains_own.py ENDPOINT).

chains-own: the parts of CA-02, CA-03, CA-05, CA-06, CA-07, CA-09, CA-10 and CA-11 on linked resources.
  A VPC with an internet gateway; two public subnets (their route table sends 0.0.0.0/0 to the gateway; they give
  instances a public IP) and two private ones, under the default NACL. Security group web-open admits SSH from
  anywhere, db-open PostgreSQL. In a public subnet behind web-open, each instance (IMDSv2 only) runs as a role with one
  power: vault-reader may read the secret db-password (CA-02); key-user may decrypt with the key app-key (CA-03); jump
  may assume ops-admin, an administrator whose trust admits jump from this VPC only (aws:SourceVpc: a condition the
  caller cannot choose, so aws-iam-018's search does not take it and CA-01 does not supersede CA-05); operator may run
  commands (ssm:SendCommand) on the instance batch, in a private subnet, which runs as batch-admin, an administrator
  (CA-06). The PostgreSQL instance orders is publicly accessible, in the public subnets behind db-open (CA-09).
  Identity: the bucket site-<account> is readable by anyone (bucket policy, no Block Public Access) and writable by
  publish, a role any GitHub workflow may assume (CA-07); the console user dev-carol has no MFA and may rewrite her own
  inline policy (aws-iam-018 path iam-007, CA-10); shared-admin, an administrator, trusts any AWS principal with no
  condition (CA-11).
chains-own-decoy: the same findings on resources that are not linked. The exposed instance web runs as plain (may only
  describe instances); vault-reader, key-user, jump and operator run instances in a private subnet (batch-admin too);
  orders is publicly accessible but in the private subnets (no route to the gateway), behind db-open. A lookalike: the
  exposed instance on-call runs as a role that may assume break-glass, an administrator, only with MFA. site-<account> is
  public and writable only by deploy-main, bound to one repository's main branch, while publish, open to any workflow,
  writes the private bucket artifacts-<account>; dev-carol (the escalating user) has an MFA device and intern, a console
  user without one, may only describe instances; shared-reader, which any AWS principal may assume, may only describe
  instances, and shared-admin, the administrator, admits only callers of one organization (aws:PrincipalOrgID).
Prints {"accounts": {scenario: account}, "ids": {scenario: {"batch", "key", "secret": the IDs moto gave them}}}.
"""
import json

from seed_chains import GITHUB, allow, console_user, document, github_trust, instance_role, role
from seeding import clients, session

ACCOUNTS = {"chains-own": "300000000061", "chains-own-decoy": "300000000062"}
REGION = "us-east-1"
ADMIN = document(allow("*"))
DESCRIBE = document(allow("ec2:DescribeInstances"))


def seed_network(ec2):
    """A VPC with an internet gateway, two public and two private subnets, and groups open to SSH and PostgreSQL."""
    vpc = ec2.create_vpc(CidrBlock="10.61.0.0/16")["Vpc"]["VpcId"]
    gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc)
    table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=gateway)

    def subnet(cidr, zone, public):
        made = ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=zone)["Subnet"]["SubnetId"]
        if public:
            ec2.modify_subnet_attribute(SubnetId=made, MapPublicIpOnLaunch={"Value": True})
            ec2.associate_route_table(RouteTableId=table, SubnetId=made)
        return made

    public = [subnet("10.61.1.0/24", "us-east-1a", True), subnet("10.61.2.0/24", "us-east-1b", True)]
    private = [subnet("10.61.11.0/24", "us-east-1a", False), subnet("10.61.12.0/24", "us-east-1b", False)]

    def open_group(name, port):
        group = ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        return group

    return vpc, public, private, open_group("web-open", 22), open_group("db-open", 5432)


def seed_workloads(c, account, linked):
    """CA-02, CA-03, CA-05, CA-06 and CA-09: what exposed workloads' roles reach, and an exposed database."""
    iam, ec2, sm, kms, rds = c("iam"), c("ec2"), c("secretsmanager"), c("kms"), c("rds")
    vpc, public, private, web, db = seed_network(ec2)
    secret = sm.create_secret(Name="db-password", SecretString="correct-horse")["ARN"]
    key = kms.create_key(Description="app-key")["KeyMetadata"]["Arn"]
    kms.create_alias(AliasName="alias/app-key", TargetKeyId=key)
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]

    def instance(subnet, profile):
        return ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro", SubnetId=subnet,
                                 SecurityGroupIds=[web], IamInstanceProfile={"Name": profile},
                                 MetadataOptions={"HttpTokens": "required", "HttpEndpoint": "enabled"})["Instances"][0]["InstanceId"]

    instance_role(iam, "batch-admin", ADMIN)
    batch = instance(private[0], "batch-admin")
    instance_role(iam, "vault-reader", document(allow("secretsmanager:GetSecretValue", secret)))
    instance_role(iam, "key-user", document(allow("kms:Decrypt", key)))
    ops_admin = f"arn:aws:iam::{account}:role/ops-admin"
    # jump may assume ops-admin and no other role (shared-admin, which any principal may assume, included).
    instance_role(iam, "jump", document(allow("sts:AssumeRole", ops_admin),
                                        {"Effect": "Deny", "Action": "sts:AssumeRole", "NotResource": ops_admin}))
    instance_role(iam, "operator", document(allow("ssm:SendCommand", [
        f"arn:aws:ec2:{REGION}:{account}:instance/{batch}", f"arn:aws:ssm:{REGION}::document/AWS-RunShellScript"])))
    instance_role(iam, "plain", DESCRIBE)
    role(iam, "ops-admin", document({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:role/jump"},
                                     "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceVpc": vpc}}}), ADMIN)
    powers = ["vault-reader", "key-user", "jump", "operator"]
    if linked:
        for name in powers:
            instance(public[0], name)
    else:
        instance(public[0], "plain")
        for name in powers:
            instance(private[0], name)
        # A lookalike of CA-05: the exposed instance on-call may assume break-glass, an administrator, but only with
        # MFA, which the session of an instance's role never has.
        instance_role(iam, "on-call", document(allow("sts:AssumeRole", f"arn:aws:iam::{account}:role/break-glass")))
        role(iam, "break-glass", document({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:role/on-call"}, "Action": "sts:AssumeRole",
                                           "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}), ADMIN)
        instance(public[0], "on-call")

    subnets = public if linked else private
    rds.create_db_subnet_group(DBSubnetGroupName="orders", DBSubnetGroupDescription="orders", SubnetIds=subnets)
    rds.create_db_instance(DBInstanceIdentifier="orders", Engine="postgres", DBInstanceClass="db.t3.micro", AllocatedStorage=20,
                           MasterUsername="orders", MasterUserPassword="Correct-Horse-9", DBSubnetGroupName="orders",
                           VpcSecurityGroupIds=[db], PubliclyAccessible=True)
    return {"batch": batch, "key": key, "secret": secret}


def bucket(s3, name, public):
    s3.create_bucket(Bucket=name)
    if public:
        s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
            "BlockPublicAcls": False, "IgnorePublicAcls": False, "BlockPublicPolicy": False, "RestrictPublicBuckets": False})
        s3.put_bucket_policy(Bucket=name, Policy=document(
            {"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{name}/*"}))
    return f"arn:aws:s3:::{name}/*"


def seed_identity(c, account, linked):
    """CA-07, CA-10 and CA-11."""
    iam, s3 = c("iam"), c("s3")
    iam.create_open_id_connect_provider(Url=f"https://{GITHUB}", ClientIDList=["sts.amazonaws.com"],
                                       ThumbprintList=["6938fd4d98bab03faadb97b34396831e3780aea1"])
    site = bucket(s3, f"site-{account}", public=True)
    own_policy = document(allow("iam:PutUserPolicy", f"arn:aws:iam::{account}:user/dev-carol"))
    anyone = {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}
    if linked:
        role(iam, "publish", github_trust(account, None), document(allow("s3:PutObject", site)))
        console_user(iam, "dev-carol", own_policy)
        role(iam, "shared-admin", document(anyone), ADMIN)
    else:
        artifacts = bucket(s3, f"artifacts-{account}", public=False)
        role(iam, "deploy-main", github_trust(account, "repo:example-org/site:ref:refs/heads/main"), document(allow("s3:PutObject", site)))
        role(iam, "publish", github_trust(account, None), document(allow("s3:PutObject", artifacts)))
        console_user(iam, "dev-carol", own_policy, mfa=True)
        console_user(iam, "intern", DESCRIBE)
        role(iam, "shared-reader", document(anyone), DESCRIBE)
        role(iam, "shared-admin", document({**anyone, "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}), ADMIN)
    # Generated before the scan, as in an account whose report exists already: the scan does not wait for one.
    iam.generate_credential_report()


if __name__ == "__main__":
    ids = {}
    for scenario, account in ACCOUNTS.items():
        c = clients(session(account))
        ids[scenario] = seed_workloads(c, account, linked=scenario == "chains-own")
        seed_identity(c, account, linked=scenario == "chains-own")
    print(json.dumps({"accounts": ACCOUNTS, "ids": ids}))
