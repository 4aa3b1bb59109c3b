"""Seeds moto with the check catalogue's scenarios (usage: seed_catalogue.py ENDPOINT).

Three accounts, each scanned once by every catalogued check (CatalogueScenarios.cs):
- hardened: every resource configured as the checks want it;
- exposed: each check's failing configurations beside passing ones, so a test can assert exactly which resources fail;
- untouched: nothing seeded, an account as moto creates it (a default VPC in every region, nothing else).

Prints {"accounts": {scenario: account}, "ids": {scenario: {name: id}}}: moto draws most resource IDs at random,
so the tests learn the IDs of the resources they expect to fail from here.
"""
import datetime
import io
import json
import zipfile

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from seeding import HOME, clients, s3control, session

OTHER = "eu-west-1"
ACCOUNTS = {"hardened": "200000000001", "exposed": "200000000002", "untouched": "200000000003"}
ALL_BLOCKED = {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True}
READ_ONLY = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})
FLOW_LOG_GROUP = "vpc-flow-logs"

# The plain-text secrets of the exposed account's Lambda function: the tests assert neither ever appears in a report.
LAMBDA_SECRETS = {"DB_PASSWORD": "Tr0ub4dor-and-3-horses", "STRIPE_API_KEY": "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"}


def trust(service):
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]})


def certificate(expires):
    """A self-signed certificate and its key, valid until `expires`."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "portal.example.com")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(expires - datetime.timedelta(days=365))
            .not_valid_after(expires).sign(key, hashes.SHA256()))
    return (cert.public_bytes(serialization.Encoding.PEM).decode(),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                              serialization.NoEncryption()).decode())


# IAM: password policy, users and their keys and policies, roles, server certificates.

def seed_iam(c, exposed, ids):
    iam = c("iam")
    if exposed:
        iam.update_account_password_policy(MinimumPasswordLength=8, PasswordReusePrevention=5, RequireSymbols=True)
    else:
        iam.update_account_password_policy(MinimumPasswordLength=14, PasswordReusePrevention=24, RequireSymbols=True,
                                           RequireNumbers=True, RequireUppercaseCharacters=True,
                                           RequireLowercaseCharacters=True, AllowUsersToChangePassword=True)
    policy = iam.create_policy(PolicyName="read-app-data", PolicyDocument=READ_ONLY)["Policy"]["Arn"]
    iam.create_group(GroupName="developers")
    iam.attach_group_policy(GroupName="developers", PolicyArn=policy)
    # alice: permissions through a group, one access key, a console password with MFA.
    iam.create_user(UserName="alice")
    iam.add_user_to_group(GroupName="developers", UserName="alice")
    iam.create_access_key(UserName="alice")
    iam.create_login_profile(UserName="alice", Password="a-long-passphrase-of-alice")
    serial = iam.create_virtual_mfa_device(VirtualMFADeviceName="alice")["VirtualMFADevice"]["SerialNumber"]
    iam.enable_mfa_device(UserName="alice", SerialNumber=serial, AuthenticationCode1="123456", AuthenticationCode2="654321")
    iam.create_role(RoleName="ops", AssumeRolePolicyDocument=trust("ec2.amazonaws.com"), MaxSessionDuration=3600)
    iam.create_role(RoleName="app-instance", AssumeRolePolicyDocument=trust("ec2.amazonaws.com"))
    iam.create_instance_profile(InstanceProfileName="app-instance")
    iam.add_role_to_instance_profile(InstanceProfileName="app-instance", RoleName="app-instance")
    iam.create_role(RoleName="lambda-exec", AssumeRolePolicyDocument=trust("lambda.amazonaws.com"))
    if exposed:
        # bob: two active keys, and a managed and an inline policy of his own.
        iam.create_user(UserName="bob")
        iam.create_access_key(UserName="bob")
        iam.create_access_key(UserName="bob")
        iam.attach_user_policy(UserName="bob", PolicyArn=policy)
        iam.put_user_policy(UserName="bob", PolicyName="bob-extra", PolicyDocument=READ_ONLY)
        # carol: a console password and no MFA.
        iam.create_user(UserName="carol")
        iam.create_login_profile(UserName="carol", Password="carols-password-2026")
        # dave: a second key, deactivated.
        iam.create_user(UserName="dave")
        iam.create_access_key(UserName="dave")
        second = iam.create_access_key(UserName="dave")["AccessKey"]["AccessKeyId"]
        iam.update_access_key(UserName="dave", AccessKeyId=second, Status="Inactive")
        # A virtual MFA device under the serial AWS gives the root user's (moto reports no root MFA at all).
        iam.create_virtual_mfa_device(VirtualMFADeviceName="root-account-mfa-device")
        iam.create_role(RoleName="long-sessions", AssumeRolePolicyDocument=trust("ec2.amazonaws.com"), MaxSessionDuration=43200)
        body, key = certificate(datetime.datetime(2025, 6, 30, tzinfo=datetime.timezone.utc))
        iam.upload_server_certificate(ServerCertificateName="legacy-portal", CertificateBody=body, PrivateKey=key)
    # Generated before the scan, as in an account whose report exists already: the scan does not wait for one.
    iam.generate_credential_report()


# S3: account and bucket Block Public Access, default encryption, versioning, lifecycle, access logging.

def seed_s3(c, s, account, key, exposed, ids):
    s3 = c("s3")
    # SSE-KMS needs a key of the bucket's own region.
    keys = {HOME: key, OTHER: c("kms", OTHER).create_key(Description="eu workloads")["KeyMetadata"]["Arn"]}
    c("kms", OTHER).enable_key_rotation(KeyId=keys[OTHER])
    s3control(s).put_public_access_block(AccountId=account, PublicAccessBlockConfiguration=(
        {**ALL_BLOCKED, "BlockPublicPolicy": False, "RestrictPublicBuckets": False} if exposed else ALL_BLOCKED))

    def bucket(name, *, block=True, encryption="aws:kms", versioning="Enabled", lifecycle="full", log_to=None, region=HOME):
        if region == HOME:
            s3.create_bucket(Bucket=name)
        else:
            c("s3", region).create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
        if block:
            s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=ALL_BLOCKED)
        if encryption:
            default = {"SSEAlgorithm": encryption, **({"KMSMasterKeyID": keys[region]} if encryption == "aws:kms" else {})}
            s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={
                "Rules": [{"ApplyServerSideEncryptionByDefault": default}]})
        if versioning:
            # MFA Delete needs the root user's MFA; moto accepts the request and does not store MFADelete.
            s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": versioning, "MFADelete": "Enabled"},
                                     MFA=f"arn:aws:iam::{account}:mfa/root-account-mfa-device 123456")
        if lifecycle == "full":
            s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": [{
                "ID": "housekeeping", "Status": "Enabled", "Filter": {},
                "NoncurrentVersionExpiration": {"NoncurrentDays": 90},
                "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}]})
        elif lifecycle == "expiry-only":
            s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": [{
                "ID": "expire", "Status": "Enabled", "Filter": {}, "Expiration": {"Days": 365}}]})
        if log_to:
            s3.put_bucket_logging(Bucket=name, BucketLoggingStatus={
                "LoggingEnabled": {"TargetBucket": log_to, "TargetPrefix": f"{name}/"}})
        return name

    logs = ids["log-bucket"] = bucket(f"access-logs-{account}")
    s3.put_bucket_acl(Bucket=logs, GrantWrite="uri=http://acs.amazonaws.com/groups/s3/LogDelivery",
                      GrantReadACP="uri=http://acs.amazonaws.com/groups/s3/LogDelivery")
    # No Block Public Access of its own: the account's covers it.
    ids["data-bucket"] = bucket(f"data-{account}", block=False, log_to=logs)
    if exposed:
        # Nothing configured: no Block Public Access of its own, no encryption, versioning, lifecycle or logging.
        ids["open-bucket"] = bucket(f"open-{account}", block=False, encryption=None, versioning=None, lifecycle=None)
        # S3-managed keys, versioning suspended, a lifecycle rule that leaves noncurrent versions and uploads behind.
        ids["half-bucket"] = bucket(f"half-{account}", encryption="AES256", versioning="Suspended",
                                    lifecycle="expiry-only", log_to=logs)
        # In eu-west-1, where the account has no log bucket (S3 delivers access logs within a region only).
        ids["eu-bucket"] = bucket(f"eu-archive-{account}", region=OTHER)


# EC2 and VPC: EBS encryption, instance metadata, Elastic IPs, security groups, NACLs, flow logs, default VPCs.

def default_vpc(ec2):
    return ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]


def default_group(ec2, vpc):
    return ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                                 {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"][0]


def default_nacl(ec2, vpc):
    return ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                              {"Name": "default", "Values": ["true"]}])["NetworkAcls"][0]["NetworkAclId"]


def log_flows(ec2, account, vpc, traffic, group=FLOW_LOG_GROUP):
    """A flow log of the VPC into a log group; moto marks its delivery FAILED when the group does not exist, as AWS does."""
    return ec2.create_flow_logs(ResourceIds=[vpc], ResourceType="VPC", TrafficType=traffic,
                                LogDestinationType="cloud-watch-logs", LogGroupName=group,
                                DeliverLogsPermissionArn=f"arn:aws:iam::{account}:role/flow-logs")["FlowLogIds"][0]


def close_default_group(ec2, vpc):
    group = default_group(ec2, vpc)
    if group["IpPermissions"]:
        ec2.revoke_security_group_ingress(GroupId=group["GroupId"], IpPermissions=group["IpPermissions"])
    if group["IpPermissionsEgress"]:
        ec2.revoke_security_group_egress(GroupId=group["GroupId"], IpPermissions=group["IpPermissionsEgress"])


def deny_admin_ports(ec2, acl):
    """Denies SSH and RDP from anywhere ahead of the allow-all rule 100 that AWS puts in a default NACL."""
    for number, port in ((10, 22), (20, 3389)):
        ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=number, Protocol="6", RuleAction="deny", Egress=False,
                                     CidrBlock="0.0.0.0/0", PortRange={"From": port, "To": port})


def harden_vpc(ec2, account, vpc):
    log_flows(ec2, account, vpc, "ALL")
    close_default_group(ec2, vpc)
    deny_admin_ports(ec2, default_nacl(ec2, vpc))


def tcp(port, to=None, cidr="0.0.0.0/0"):
    ranges = {"Ipv6Ranges": [{"CidrIpv6": cidr}]} if ":" in cidr else {"IpRanges": [{"CidrIp": cidr}]}
    return {"IpProtocol": "tcp", "FromPort": port, "ToPort": to or port, **ranges}


def group_with_rule(ec2, vpc, name, permission):
    """A security group with one inbound rule; returns the ID its findings carry: group/rule."""
    group = ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)["GroupId"]
    rule = ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[permission])["SecurityGroupRules"][0]
    return f"{group}/{rule['SecurityGroupRuleId']}"


def peer_with(ec2, account, vpc, exposed, ids):
    """A peer VPC of the application VPC; the route to it covers one peer subnet, or (exposed) the peer's whole block."""
    peer = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    harden_vpc(ec2, account, peer)
    ec2.create_subnet(VpcId=peer, CidrBlock="10.40.1.0/24", AvailabilityZone=f"{HOME}a")
    connection = ec2.create_vpc_peering_connection(VpcId=vpc, PeerVpcId=peer)["VpcPeeringConnection"]["VpcPeeringConnectionId"]
    ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=connection)
    table = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["RouteTables"][0]["RouteTableId"]
    destination = "10.40.0.0/16" if exposed else "10.40.1.0/24"
    ec2.create_route(RouteTableId=table, DestinationCidrBlock=destination, VpcPeeringConnectionId=connection)
    ids["peering-route"] = f"{table}/route/{destination}"


def seed_network(c, account, key, exposed, ids):
    for region in (HOME, OTHER):
        c("logs", region).create_log_group(logGroupName=FLOW_LOG_GROUP)
        if not (exposed and region == OTHER):
            c("ec2", region).enable_ebs_encryption_by_default()
    ec2 = c("ec2")
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]

    # The application VPC: a private subnet, an instance with IMDSv2, a role and an encrypted disk, an Elastic IP.
    vpc = ids["app-vpc"] = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    private = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.1.0/24", AvailabilityZone=f"{HOME}a")["Subnet"]["SubnetId"]
    app_group = ids["app-group"] = ec2.create_security_group(GroupName="app", Description="app", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=app_group, IpPermissions=[tcp(443, cidr="10.20.0.0/16")])
    ids["https-group"] = group_with_rule(ec2, vpc, "https", tcp(443)).split("/")[0]
    ids["ssh-office-group"] = group_with_rule(ec2, vpc, "ssh-office", tcp(22, cidr="203.0.113.0/24")).split("/")[0]

    def instance(*, tokens="required", endpoint="enabled", profile=True, private_subnet=True, encrypted=True):
        """An instance; by default IMDSv2-only, with a role and an encrypted root volume, in the private subnet."""
        placement = {"SubnetId": private, "SecurityGroupIds": [app_group]} if private_subnet else {}
        disk = {"Encrypted": True, "KmsKeyId": key} if encrypted else {"Encrypted": False}
        return ec2.run_instances(
            ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro", **placement,
            BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 8, **disk}}],
            **({"IamInstanceProfile": {"Name": "app-instance"}} if profile else {}),
            MetadataOptions={"HttpTokens": tokens, "HttpEndpoint": endpoint})["Instances"][0]

    app = ids["app-instance"] = instance()["InstanceId"]
    # Accepts IMDSv1 requests, but its metadata endpoint is off: nothing answers them.
    batch = instance(tokens="optional", endpoint="disabled")["InstanceId"]
    for protected in (app, batch):
        ec2.modify_instance_attribute(InstanceId=protected, DisableApiTermination={"Value": True})
    image = ids["app-image"] = ec2.create_image(InstanceId=app, Name="app-golden")["ImageId"]
    if exposed:
        ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"Group": "all"}]})
    peer_with(ec2, account, vpc, exposed, ids)
    gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc)
    ids["app-address"] = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.associate_address(AllocationId=ids["app-address"], InstanceId=app)
    ids["encrypted-volume"] = ec2.create_volume(AvailabilityZone=f"{HOME}a", Size=10, Encrypted=True, KmsKeyId=key)["VolumeId"]

    ids["app-nacl"] = default_nacl(ec2, vpc)
    ids["app-default-group"] = default_group(ec2, vpc)["GroupId"]
    if not exposed:
        harden_vpc(ec2, account, vpc)
        for region in (HOME, OTHER):
            other = c("ec2", region)
            ids[f"{region}-default-vpc"] = default_vpc(other)
            harden_vpc(other, account, ids[f"{region}-default-vpc"])
        return

    close_default_group(ec2, vpc)
    deny_admin_ports(ec2, ids["app-nacl"])
    log_flows(ec2, account, vpc, "ACCEPT")
    # A second subnet whose own NACL lets SSH in from anywhere.
    admin = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.2.0/24", AvailabilityZone=f"{HOME}b")["Subnet"]["SubnetId"]
    acl = ids["ssh-nacl"] = ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"]
    ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol="6", RuleAction="allow", Egress=False,
                                 CidrBlock="0.0.0.0/0", PortRange={"From": 22, "To": 22})
    association = next(a["NetworkAclAssociationId"] for n in ec2.describe_network_acls()["NetworkAcls"]
                       for a in n["Associations"] if a["SubnetId"] == admin)
    ec2.replace_network_acl_association(AssociationId=association, NetworkAclId=acl)
    for name, permission in (("ssh-open", tcp(22)), ("rdp-open-ipv6", tcp(3389, cidr="::/0")),
                             ("postgres-open", tcp(5432)), ("smb-open", tcp(445)), ("all-ports-open", tcp(0, 65535)),
                             ("all-traffic-ipv6", {"IpProtocol": "-1", "Ipv6Ranges": [{"CidrIpv6": "::/0"}]})):
        ids[name] = group_with_rule(ec2, vpc, name, permission)

    # The default VPC of us-east-1 in use by a legacy instance: IMDSv1, no instance profile, an unencrypted root volume.
    home_default = ids["us-east-1-default-vpc"] = default_vpc(ec2)
    ids["us-east-1-default-group"] = default_group(ec2, home_default)["GroupId"]
    ids["us-east-1-default-nacl"] = default_nacl(ec2, home_default)
    legacy = instance(tokens="optional", profile=False, private_subnet=False, encrypted=False)
    ids["legacy-instance"] = legacy["InstanceId"]
    ids["legacy-root-volume"] = legacy["BlockDeviceMappings"][0]["Ebs"]["VolumeId"]
    ids["loose-volume"] = ec2.create_volume(AvailabilityZone=f"{HOME}a", Size=10, Encrypted=False)["VolumeId"]
    ids["idle-address"] = ec2.allocate_address(Domain="vpc")["AllocationId"]
    # Stopped, it still comes back with IMDSv1; the instance profile check judges running instances only.
    stopped = ids["stopped-instance"] = instance(tokens="optional", profile=False)["InstanceId"]
    ec2.stop_instances(InstanceIds=[stopped])
    # A VPC whose only subnet gives every instance a public IP: no private tier.
    web = ids["web-vpc"] = ec2.create_vpc(CidrBlock="10.50.0.0/16")["Vpc"]["VpcId"]
    harden_vpc(ec2, account, web)
    public = ec2.create_subnet(VpcId=web, CidrBlock="10.50.1.0/24", AvailabilityZone=f"{HOME}a")["Subnet"]["SubnetId"]
    ec2.modify_subnet_attribute(SubnetId=public, MapPublicIpOnLaunch={"Value": True})
    # A NACL on no subnet filters nothing, whatever it allows.
    spare = ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"]
    ec2.create_network_acl_entry(NetworkAclId=spare, RuleNumber=100, Protocol="6", RuleAction="allow", Egress=False,
                                 CidrBlock="0.0.0.0/0", PortRange={"From": 22, "To": 22})

    # eu-west-1: the unused default VPC logs flows into a log group that does not exist; a data VPC is hardened.
    other = c("ec2", OTHER)
    other_default = ids["eu-west-1-default-vpc"] = default_vpc(other)
    log_flows(other, account, other_default, "ALL", group="deleted-log-group")
    ids["eu-west-1-default-group"] = default_group(other, other_default)["GroupId"]
    ids["eu-west-1-default-nacl"] = default_nacl(other, other_default)
    data_vpc = ids["data-vpc"] = other.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
    harden_vpc(other, account, data_vpc)


# Data stores: RDS, EFS, DynamoDB, KMS, Secrets Manager, SSM parameters.

def seed_data(c, key, exposed, ids):
    rds, efs, ddb, kms, sm, ssm = c("rds"), c("efs"), c("dynamodb"), c("kms"), c("secretsmanager"), c("ssm")

    def database(name, *, good):
        return rds.create_db_instance(DBInstanceIdentifier=name, Engine="postgres", DBInstanceClass="db.t3.micro",
                                      AllocatedStorage=20, MasterUsername="app", MasterUserPassword="not-a-real-password",
                                      PubliclyAccessible=not good, StorageEncrypted=good, MultiAZ=good,
                                      AutoMinorVersionUpgrade=good)["DBInstance"]["DBInstanceArn"]

    def cluster(name, *, good):
        """An Aurora cluster: encrypted with writer and reader in two zones, or unencrypted with a writer alone."""
        encryption = {"StorageEncrypted": True, "KmsKeyId": key} if good else {"StorageEncrypted": False}
        arn = rds.create_db_cluster(DBClusterIdentifier=name, Engine="aurora-postgresql", MasterUsername="app",
                                    MasterUserPassword="not-a-real-password", **encryption)["DBCluster"]["DBClusterArn"]
        for n, zone in enumerate(("a", "b") if good else ("a",), start=1):
            rds.create_db_instance(DBInstanceIdentifier=f"{name}-{n}", DBClusterIdentifier=name, Engine="aurora-postgresql",
                                   DBInstanceClass="db.r6g.large", AvailabilityZone=f"{HOME}{zone}")
        return arn

    def table(name, *, good, provisioned=False):
        capacity = ({"BillingMode": "PROVISIONED", "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}
                    if provisioned else {"BillingMode": "PAY_PER_REQUEST"})
        ddb.create_table(TableName=name, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                         AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], **capacity,
                         **({"SSESpecification": {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key}} if good else {}))
        if good:
            ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
        return ddb.describe_table(TableName=name)["Table"]["TableArn"]

    def secret(name, *, rotated):
        arn = sm.create_secret(Name=name, SecretString="placeholder")["ARN"]
        if rotated:
            sm.rotate_secret(SecretId=name, RotationRules={"AutomaticallyAfterDays": 30})
        return arn

    ids["orders-db"] = database("orders", good=True)
    ids["analytics-cluster"] = cluster("analytics", good=not exposed)
    ids["shared-fs"] = efs.create_file_system(CreationToken="shared", Encrypted=True)["FileSystemArn"]
    ids["orders-table"] = table("orders", good=True)
    # Provisioned capacity: scales with Application Auto Scaling in the hardened account only.
    ids["ledger-table"] = table("ledger", good=True, provisioned=True)
    if not exposed:
        scaling = c("application-autoscaling")
        for capacity in ("Read", "Write"):
            scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId="table/ledger", MinCapacity=5,
                                             MaxCapacity=100, ScalableDimension=f"dynamodb:table:{capacity}CapacityUnits")
    ids["api-key-secret"] = secret("app/api-key", rotated=True)
    ssm.put_parameter(Name="/prod/app/log-level", Value="info", Type="String")
    ssm.put_parameter(Name="/prod/api/token", Value="placeholder", Type="SecureString")
    # Out of scope of the rotation check: asymmetric keys have no automatic rotation.
    kms.create_key(Description="release signing", KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY")
    # A multi-Region key and its replica in eu-west-1: rotation is the primary's, and so is a finding.
    global_key = kms.create_key(Description="global data", MultiRegion=True)["KeyMetadata"]
    if not exposed:
        kms.enable_key_rotation(KeyId=global_key["KeyId"])
    replica = kms.replicate_key(KeyId=global_key["KeyId"], ReplicaRegion=OTHER)["ReplicaKeyMetadata"]["Arn"]
    # moto's primary and replica share one MultiRegionConfiguration, which describing the replica turns to REPLICA:
    # describe it now, so that the primary reads as a replica in every scan rather than depending on request order.
    c("kms", OTHER).describe_key(KeyId=replica)
    if not exposed:
        ssm.put_parameter(Name="/prod/db/password", Value="placeholder", Type="SecureString")
        return
    ids["reporting-db"] = database("reporting", good=False)
    ids["scratch-fs"] = efs.create_file_system(CreationToken="scratch", Encrypted=False)["FileSystemArn"]
    ids["sessions-table"] = table("sessions", good=False)
    ids["reporting-secret"] = secret("db/reporting", rotated=False)
    ssm.put_parameter(Name="/prod/db/password", Value="placeholder", Type="String")
    ssm.put_parameter(Name="/prod/reporting/DATABASE_URL", Value="placeholder", Type="String")
    # Names a secret without holding one: out of scope.
    ssm.put_parameter(Name="/prod/reporting/SECRET_ARN", Value="placeholder", Type="String")
    ids["global-key"] = global_key["Arn"]
    ids["legacy-key"] = kms.create_key(Description="legacy data")["KeyMetadata"]["Arn"]
    disabled = kms.create_key(Description="retired")["KeyMetadata"]["KeyId"]
    kms.disable_key(KeyId=disabled)
    leaving = kms.create_key(Description="pending deletion")["KeyMetadata"]["KeyId"]
    kms.schedule_key_deletion(KeyId=leaving, PendingWindowInDays=7)


# Compute: Lambda functions, ECS task definitions and services.

def function_code():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return {}\n")
    return archive.getvalue()


def seed_compute(c, account, exposed, ids):
    lam, ecs = c("lambda"), c("ecs")
    code = function_code()

    def function(name, runtime, variables):
        return lam.create_function(FunctionName=name, Runtime=runtime, Role=f"arn:aws:iam::{account}:role/lambda-exec",
                                   Handler="index.handler", Code={"ZipFile": code},
                                   Environment={"Variables": variables})["FunctionArn"]

    def task(family, **container):
        return ecs.register_task_definition(family=family, containerDefinitions=[
            {"name": family, "image": "public.ecr.aws/docker/library/busybox:latest", "memory": 128, **container}
        ])["taskDefinition"]["taskDefinitionArn"]

    logs = {"logConfiguration": {"logDriver": "awslogs", "options": {
        "awslogs-group": "/ecs/app", "awslogs-region": HOME, "awslogs-stream-prefix": "app"}}}
    ids["api-function"] = function("api", "python3.13", {"LOG_LEVEL": "info", "TABLE_NAME": "orders"})
    ids["web-task"] = task("web", **logs)
    ecs.create_cluster(clusterName="main")
    ids["web-service"] = ecs.create_service(cluster="main", serviceName="web", taskDefinition="web", desiredCount=1)["service"]["serviceArn"]
    if not exposed:
        return
    ids["legacy-function"] = function("legacy-report", "python3.8", {"LOG_LEVEL": "info"})
    ids["leaky-function"] = function("leaky", "python3.13", {"LOG_LEVEL": "debug", **LAMBDA_SECRETS})
    # moto stores the URL but has no ListFunctionUrlConfigs to list it.
    lam.create_function_url_config(FunctionName="legacy-report", AuthType="NONE")
    ids["privileged-task"] = task("agent", privileged=True, **logs)
    ids["silent-task"] = task("batch")
    # Only the latest revision counts: the privileged first revision of worker was replaced.
    task("worker", privileged=True, **logs)
    task("worker", **logs)


# Governance: GuardDuty detectors, AWS Config recorders and delivery channels.

def seed_governance(c, account, key, exposed, ids):
    for region in (HOME, OTHER):
        if not exposed:
            c("guardduty", region).create_detector(Enable=True)
            record(c("config", region), account, key, everything=True, global_types=region == HOME)
    if exposed:
        ids["suspended-detector"] = c("guardduty").create_detector(Enable=False)["DetectorId"]
        record(c("config"), account, key, everything=False, global_types=False)


def record(config, account, key, *, everything, global_types):
    """A recorder and its delivery channel: hardened, or (everything=False) partial, daily, unencrypted and stopped."""
    group = ({"allSupported": True, "includeGlobalResourceTypes": global_types} if everything else
             {"allSupported": False, "includeGlobalResourceTypes": False, "resourceTypes": ["AWS::S3::Bucket"],
              "recordingStrategy": {"useOnly": "INCLUSION_BY_RESOURCE_TYPES"}})
    config.put_configuration_recorder(ConfigurationRecorder={
        "name": "default", "roleARN": f"arn:aws:iam::{account}:role/aws-config", "recordingGroup": group})
    channel = {"name": "default", "s3BucketName": f"data-{account}"}
    if everything:
        channel.update(s3KmsKeyArn=key, configSnapshotDeliveryProperties={"deliveryFrequency": "Six_Hours"})
    config.put_delivery_channel(DeliveryChannel=channel)
    if everything:
        config.start_configuration_recorder(ConfigurationRecorderName="default")


def seed(name, account):
    ids = {}
    if name == "untouched":
        return ids
    s = session(account)
    c = clients(s)
    exposed = name == "exposed"
    # One customer managed key, rotating, for everything encrypted. moto creates the AWS managed keys aws/ebs and
    # aws/dynamodb as customer managed keys without rotation, which AWS never does: naming a key avoids them.
    kms = c("kms")
    key = ids["workload-key"] = kms.create_key(Description="workloads")["KeyMetadata"]["Arn"]
    kms.enable_key_rotation(KeyId=key)
    seed_iam(c, exposed, ids)
    seed_s3(c, s, account, key, exposed, ids)
    seed_network(c, account, key, exposed, ids)
    seed_data(c, key, exposed, ids)
    seed_compute(c, account, exposed, ids)
    seed_governance(c, account, key, exposed, ids)
    return ids


if __name__ == "__main__":
    print(json.dumps({"accounts": ACCOUNTS, "ids": {name: seed(name, account) for name, account in ACCOUNTS.items()}}))
