using System.Text.Json.Nodes;
using static CloudAudit.Checks.CloudWatch.FilterPatterns.CloudTrailRecords;

namespace CloudAudit.Checks.CloudWatch.FilterPatterns;

/// <summary>
/// The CloudTrail events each CIS monitoring control names (v5.0 lists), one realistic record per
/// event, and the ordinary activity no monitor may match.
/// </summary>
internal static class CisMonitoringEvents
{
    private const string Iam = "iam.amazonaws.com";
    private const string CloudTrail = "cloudtrail.amazonaws.com";
    private const string Kms = "kms.amazonaws.com";
    private const string S3 = "s3.amazonaws.com";
    private const string Config = "config.amazonaws.com";
    private const string Ec2 = "ec2.amazonaws.com";
    private const string Organizations = "organizations.amazonaws.com";

    private const string Key = "arn:aws:kms:eu-west-1:111122223333:key/3f2c9a1e-7b4d-4c8a-9e21-5d6f0a8b7c31";
    private const string PolicyArn = "arn:aws:iam::111122223333:policy/ci-deploy";
    private const string PolicyDocument = "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"s3:*\\\",\\\"Resource\\\":\\\"*\\\"}]}";
    private const string Ok = """{"requestId":"9d6c1f2a-4b3e-4f5a-8c7d-0e1f2a3b4c5d","_return":true}""";

    private static CloudTrailSample Change(string source, string name, string? request, string? response = null) =>
        ApiCall(Caller.SsoAdmin, source, name, request, response);

    private static CloudTrailSample BucketChange(string name, string request) => Change(S3, name, OnBucket(request));

    /// <summary>S3 request parameters: the bucket and its endpoint host first, then the call's own members.</summary>
    private static string OnBucket(string request)
    {
        var parameters = new JsonObject
        {
            ["bucketName"] = "example-data-111122223333",
            ["Host"] = "example-data-111122223333.s3.eu-west-1.amazonaws.com",
        };
        foreach (var (name, value) in JsonNode.Parse(request)!.AsObject())
            parameters[name] = value?.DeepClone();
        return parameters.ToJsonString();
    }

    private static CloudTrailSample Ordinary(Caller caller, string source, string name, string? request) =>
        ApiCall(caller, source, name, request, label: $"{source[..source.IndexOf('.', StringComparison.Ordinal)]}:{name}");

    public static IReadOnlyList<CloudTrailSample> UnauthorizedCalls { get; } =
    [
        ApiCall(Caller.IamUser, Ec2, "RunInstances",
            """{"instancesSet":{"items":[{"imageId":"ami-0c1d2e3f4a5b6c7d8","minCount":1,"maxCount":1}]},"instanceType":"t3.micro","disableApiTermination":false,"clientToken":"b7e2c1d4-5f6a-4b8c-9d0e-1f2a3b4c5d6e"}""",
            errorCode: "Client.UnauthorizedOperation",
            errorMessage: "You are not authorized to perform this operation. User: arn:aws:iam::111122223333:user/alice is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:eu-west-1:111122223333:instance/* because no identity-based policy allows the ec2:RunInstances action.",
            label: "RunInstances (Client.UnauthorizedOperation)"),
        ApiCall(Caller.SsoAdmin, S3, "GetBucketPolicy", OnBucket("""{"policy":""}"""),
            errorCode: "AccessDenied", errorMessage: "Access Denied", label: "GetBucketPolicy (AccessDenied)"),
        ApiCall(Caller.IamUser, Kms, "Decrypt", """{"encryptionAlgorithm":"SYMMETRIC_DEFAULT","encryptionContext":{"aws:s3:arn":"arn:aws:s3:::example-data-111122223333/exports/2026-03.csv"}}""",
            errorCode: "AccessDeniedException",
            errorMessage: $"User: arn:aws:iam::111122223333:user/alice is not authorized to perform: kms:Decrypt on resource: {Key} because no identity-based policy allows the kms:Decrypt action",
            label: "Decrypt (AccessDeniedException)"),
    ];

    public static IReadOnlyList<CloudTrailSample> SignInWithoutMfa { get; } =
        [ConsoleLogin("ConsoleLogin without MFA", Caller.IamUser, success: true, mfaUsed: false)];

    public static IReadOnlyList<CloudTrailSample> RootActivity { get; } =
    [
        ApiCall(Caller.Root, Iam, "CreateAccessKey", "{}",
            """{"accessKey":{"accessKeyId":"AKIARQ7EXAMPLEROOT02","status":"Active","createDate":"Mar 14, 2026 9:12:31 AM"}}""",
            label: "CreateAccessKey by root"),
        ConsoleLogin("ConsoleLogin by root", Caller.Root, success: true, mfaUsed: true),
    ];

    public static IReadOnlyList<CloudTrailSample> SignInFailures { get; } =
        [ConsoleLogin("ConsoleLogin failure", Caller.IamUser, success: false, mfaUsed: false)];

    public static IReadOnlyList<CloudTrailSample> IamPolicyChanges { get; } =
    [
        Change(Iam, "DeleteGroupPolicy", """{"groupName":"Developers","policyName":"deploy-inline"}"""),
        Change(Iam, "DeleteRolePolicy", """{"roleName":"app-runtime","policyName":"s3-access"}"""),
        Change(Iam, "DeleteUserPolicy", """{"userName":"alice","policyName":"legacy-inline"}"""),
        Change(Iam, "PutGroupPolicy", $$"""{"groupName":"Developers","policyName":"deploy-inline","policyDocument":"{{PolicyDocument}}"}"""),
        Change(Iam, "PutRolePolicy", $$"""{"roleName":"app-runtime","policyName":"s3-access","policyDocument":"{{PolicyDocument}}"}"""),
        Change(Iam, "PutUserPolicy", $$"""{"userName":"alice","policyName":"legacy-inline","policyDocument":"{{PolicyDocument}}"}"""),
        Change(Iam, "CreatePolicy", $$"""{"policyName":"ci-deploy","policyDocument":"{{PolicyDocument}}"}""",
            $$$"""{"policy":{"policyName":"ci-deploy","policyId":"ANPARQ7EXAMPLEPOL001","arn":"{{{PolicyArn}}}","path":"/","defaultVersionId":"v1","attachmentCount":0,"permissionsBoundaryUsageCount":0,"isAttachable":true,"createDate":"Mar 14, 2026 9:20:05 AM","updateDate":"Mar 14, 2026 9:20:05 AM"}}"""),
        Change(Iam, "DeletePolicy", $$"""{"policyArn":"{{PolicyArn}}"}"""),
        Change(Iam, "CreatePolicyVersion", $$"""{"policyArn":"{{PolicyArn}}","policyDocument":"{{PolicyDocument}}","setAsDefault":true}""",
            """{"policyVersion":{"versionId":"v2","isDefaultVersion":true,"createDate":"Mar 14, 2026 9:24:40 AM"}}"""),
        Change(Iam, "DeletePolicyVersion", $$"""{"policyArn":"{{PolicyArn}}","versionId":"v1"}"""),
        Change(Iam, "AttachRolePolicy", """{"roleName":"app-runtime","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}"""),
        Change(Iam, "DetachRolePolicy", """{"roleName":"app-runtime","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}"""),
        Change(Iam, "AttachUserPolicy", """{"userName":"alice","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}"""),
        Change(Iam, "DetachUserPolicy", """{"userName":"alice","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}"""),
        Change(Iam, "AttachGroupPolicy", """{"groupName":"Developers","policyArn":"arn:aws:iam::aws:policy/PowerUserAccess"}"""),
        Change(Iam, "DetachGroupPolicy", """{"groupName":"Developers","policyArn":"arn:aws:iam::aws:policy/PowerUserAccess"}"""),
    ];

    public static IReadOnlyList<CloudTrailSample> CloudTrailChanges { get; } =
    [
        Change(CloudTrail, "CreateTrail", """{"name":"management-events","s3BucketName":"cloudtrail-111122223333","includeGlobalServiceEvents":true,"isMultiRegionTrail":true,"enableLogFileValidation":true}""",
            """{"name":"management-events","s3BucketName":"cloudtrail-111122223333","includeGlobalServiceEvents":true,"isMultiRegionTrail":true,"trailARN":"arn:aws:cloudtrail:eu-west-1:111122223333:trail/management-events","logFileValidationEnabled":true,"isOrganizationTrail":false}"""),
        Change(CloudTrail, "UpdateTrail", """{"name":"management-events","isMultiRegionTrail":false}""",
            """{"name":"management-events","s3BucketName":"cloudtrail-111122223333","includeGlobalServiceEvents":true,"isMultiRegionTrail":false,"trailARN":"arn:aws:cloudtrail:eu-west-1:111122223333:trail/management-events","logFileValidationEnabled":true,"isOrganizationTrail":false}"""),
        Change(CloudTrail, "DeleteTrail", """{"name":"arn:aws:cloudtrail:eu-west-1:111122223333:trail/management-events"}"""),
        Change(CloudTrail, "StartLogging", """{"name":"arn:aws:cloudtrail:eu-west-1:111122223333:trail/management-events"}"""),
        Change(CloudTrail, "StopLogging", """{"name":"arn:aws:cloudtrail:eu-west-1:111122223333:trail/management-events"}"""),
    ];

    public static IReadOnlyList<CloudTrailSample> KeyDisablingOrDeletion { get; } =
    [
        Change(Kms, "DisableKey", $$"""{"keyId":"{{Key}}"}"""),
        Change(Kms, "ScheduleKeyDeletion", $$"""{"keyId":"{{Key}}","pendingWindowInDays":7}""",
            $$"""{"keyId":"{{Key}}","deletionDate":"Mar 21, 2026, 9:31:02 AM","keyState":"PendingDeletion","pendingWindowInDays":7}"""),
    ];

    public static IReadOnlyList<CloudTrailSample> BucketPolicyChanges { get; } =
    [
        BucketChange("PutBucketAcl", """{"acl":"","AccessControlPolicy":{"AccessControlList":{"Grant":{"Grantee":{"xsi:type":"Group","URI":"http://acs.amazonaws.com/groups/global/AllUsers"},"Permission":"READ"}}}}"""),
        BucketChange("PutBucketPolicy", """{"policy":"","bucketPolicy":{"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-data-111122223333/*"}]}}"""),
        BucketChange("PutBucketCors", """{"cors":"","CORSConfiguration":{"CORSRule":{"AllowedMethod":"GET","AllowedOrigin":"*"}}}"""),
        BucketChange("PutBucketLifecycle", """{"lifecycle":"","LifecycleConfiguration":{"Rule":{"ID":"expire-tmp","Status":"Enabled","Filter":{"Prefix":"tmp/"},"Expiration":{"Days":7}}}}"""),
        BucketChange("PutBucketReplication", """{"replication":"","ReplicationConfiguration":{"Role":"arn:aws:iam::111122223333:role/s3-replication","Rule":{"ID":"dr-copy","Status":"Enabled","Destination":{"Bucket":"arn:aws:s3:::example-data-dr-111122223333"}}}}"""),
        BucketChange("DeleteBucketPolicy", """{"policy":""}"""),
        BucketChange("DeleteBucketCors", """{"cors":""}"""),
        BucketChange("DeleteBucketLifecycle", """{"lifecycle":""}"""),
        BucketChange("DeleteBucketReplication", """{"replication":""}"""),
    ];

    public static IReadOnlyList<CloudTrailSample> ConfigChanges { get; } =
    [
        Change(Config, "StopConfigurationRecorder", """{"configurationRecorderName":"default"}"""),
        Change(Config, "DeleteDeliveryChannel", """{"deliveryChannelName":"default"}"""),
        Change(Config, "PutDeliveryChannel", """{"deliveryChannel":{"name":"default","s3BucketName":"config-111122223333","configSnapshotDeliveryProperties":{"deliveryFrequency":"TwentyFour_Hours"}}}"""),
        Change(Config, "PutConfigurationRecorder", """{"configurationRecorder":{"name":"default","roleARN":"arn:aws:iam::111122223333:role/aws-config-recorder","recordingGroup":{"allSupported":true,"includeGlobalResourceTypes":true}}}"""),
    ];

    public static IReadOnlyList<CloudTrailSample> SecurityGroupChanges { get; } =
    [
        Change(Ec2, "AuthorizeSecurityGroupIngress", """{"groupId":"sg-0a1b2c3d4e5f60718","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":22,"toPort":22,"groups":{},"ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]},"ipv6Ranges":{},"prefixListIds":{}}]}}""",
            """{"requestId":"4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f","_return":true,"securityGroupRuleSet":{"items":[{"groupOwnerId":"111122223333","groupId":"sg-0a1b2c3d4e5f60718","securityGroupRuleId":"sgr-0f1e2d3c4b5a69788","isEgress":false,"ipProtocol":"tcp","fromPort":22,"toPort":22,"cidrIpv4":"0.0.0.0/0"}]}}"""),
        Change(Ec2, "AuthorizeSecurityGroupEgress", """{"groupId":"sg-0a1b2c3d4e5f60718","ipPermissions":{"items":[{"ipProtocol":"-1","groups":{},"ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]},"ipv6Ranges":{},"prefixListIds":{}}]}}""", Ok),
        Change(Ec2, "RevokeSecurityGroupIngress", """{"groupId":"sg-0a1b2c3d4e5f60718","securityGroupRuleIds":{"items":[{"securityGroupRuleId":"sgr-0f1e2d3c4b5a69788"}]}}""", Ok),
        Change(Ec2, "RevokeSecurityGroupEgress", """{"groupId":"sg-0a1b2c3d4e5f60718","ipPermissions":{"items":[{"ipProtocol":"-1","groups":{},"ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]},"ipv6Ranges":{},"prefixListIds":{}}]}}""", Ok),
        Change(Ec2, "CreateSecurityGroup", """{"groupName":"web-public","groupDescription":"Public web tier","vpcId":"vpc-0a1b2c3d4e5f60718"}""",
            """{"requestId":"7e8f9a0b-1c2d-4e3f-8a5b-6c7d8e9f0a1b","_return":true,"groupId":"sg-0f9e8d7c6b5a40312"}"""),
        Change(Ec2, "DeleteSecurityGroup", """{"groupId":"sg-0f9e8d7c6b5a40312"}""", Ok),
        // Added to the CIS list in v5.0: it can open an existing rule to the internet in place.
        Change(Ec2, "ModifySecurityGroupRules", """{"ModifySecurityGroupRulesRequest":{"GroupId":"sg-0a1b2c3d4e5f60718","SecurityGroupRule":{"SecurityGroupRuleId":"sgr-0f1e2d3c4b5a69788","SecurityGroupRule":{"IpProtocol":"tcp","FromPort":3389,"ToPort":3389,"CidrIpv4":"0.0.0.0/0"}}}}""",
            """{"ModifySecurityGroupRulesResponse":{"requestId":"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e","return":true}}"""),
    ];

    public static IReadOnlyList<CloudTrailSample> NetworkAclChanges { get; } =
    [
        Change(Ec2, "CreateNetworkAcl", """{"vpcId":"vpc-0a1b2c3d4e5f60718"}""",
            """{"requestId":"5f6a7b8c-9d0e-4f1a-8b3c-4d5e6f7a8b9c","networkAcl":{"networkAclId":"acl-0b1c2d3e4f5a60718","vpcId":"vpc-0a1b2c3d4e5f60718","default":false,"entrySet":{},"associationSet":{},"tagSet":{},"ownerId":"111122223333"}}"""),
        Change(Ec2, "CreateNetworkAclEntry", """{"networkAclId":"acl-0b1c2d3e4f5a60718","ruleNumber":100,"egress":false,"ruleAction":"allow","icmpTypeCode":{},"protocol":"6","portRange":{"from":22,"to":22},"cidrBlock":"0.0.0.0/0"}""", Ok),
        Change(Ec2, "DeleteNetworkAcl", """{"networkAclId":"acl-0b1c2d3e4f5a60718"}""", Ok),
        Change(Ec2, "DeleteNetworkAclEntry", """{"networkAclId":"acl-0b1c2d3e4f5a60718","ruleNumber":100,"egress":false}""", Ok),
        Change(Ec2, "ReplaceNetworkAclEntry", """{"networkAclId":"acl-0b1c2d3e4f5a60718","ruleNumber":100,"egress":false,"ruleAction":"allow","icmpTypeCode":{},"protocol":"6","portRange":{"from":3389,"to":3389},"cidrBlock":"0.0.0.0/0"}""", Ok),
        Change(Ec2, "ReplaceNetworkAclAssociation", """{"associationId":"aclassoc-0c1d2e3f4a5b60718","networkAclId":"acl-0b1c2d3e4f5a60718"}""",
            """{"requestId":"6a7b8c9d-0e1f-4a2b-8c4d-5e6f7a8b9c0d","newAssociationId":"aclassoc-0d2e3f4a5b6c70819"}"""),
    ];

    public static IReadOnlyList<CloudTrailSample> NetworkGatewayChanges { get; } =
    [
        Change(Ec2, "CreateCustomerGateway", """{"type":"ipsec.1","ipAddress":"203.0.113.12","bgpAsn":65000}""",
            """{"requestId":"8c9d0e1f-2a3b-4c4d-8e6f-7a8b9c0d1e2f","customerGateway":{"customerGatewayId":"cgw-0e1f2a3b4c5d60718","state":"available","type":"ipsec.1","ipAddress":"203.0.113.12","bgpAsn":"65000","tagSet":{}}}"""),
        Change(Ec2, "DeleteCustomerGateway", """{"customerGatewayId":"cgw-0e1f2a3b4c5d60718"}""", Ok),
        Change(Ec2, "AttachInternetGateway", """{"internetGatewayId":"igw-0f1a2b3c4d5e60718","vpcId":"vpc-0a1b2c3d4e5f60718"}""", Ok),
        Change(Ec2, "CreateInternetGateway", """{}""",
            """{"requestId":"9d0e1f2a-3b4c-4d5e-8f7a-8b9c0d1e2f3a","internetGateway":{"internetGatewayId":"igw-0f1a2b3c4d5e60718","attachmentSet":{},"tagSet":{},"ownerId":"111122223333"}}"""),
        Change(Ec2, "DeleteInternetGateway", """{"internetGatewayId":"igw-0f1a2b3c4d5e60718"}""", Ok),
        Change(Ec2, "DetachInternetGateway", """{"internetGatewayId":"igw-0f1a2b3c4d5e60718","vpcId":"vpc-0a1b2c3d4e5f60718"}""", Ok),
    ];

    public static IReadOnlyList<CloudTrailSample> RouteTableChanges { get; } =
    [
        Change(Ec2, "CreateRoute", """{"routeTableId":"rtb-0a2b3c4d5e6f70819","destinationCidrBlock":"0.0.0.0/0","gatewayId":"igw-0f1a2b3c4d5e60718"}""", Ok),
        Change(Ec2, "CreateRouteTable", """{"vpcId":"vpc-0a1b2c3d4e5f60718"}""",
            """{"requestId":"0e1f2a3b-4c5d-4e6f-8a8b-9c0d1e2f3a4b","routeTable":{"routeTableId":"rtb-0a2b3c4d5e6f70819","vpcId":"vpc-0a1b2c3d4e5f60718","routeSet":{"items":[{"destinationCidrBlock":"10.10.0.0/16","gatewayId":"local","state":"active","origin":"CreateRouteTable"}]},"associationSet":{},"propagatingVgwSet":{},"tagSet":{},"ownerId":"111122223333"}}"""),
        Change(Ec2, "ReplaceRoute", """{"routeTableId":"rtb-0a2b3c4d5e6f70819","destinationCidrBlock":"10.20.0.0/16","vpcPeeringConnectionId":"pcx-0b2c3d4e5f6a70819"}""", Ok),
        Change(Ec2, "ReplaceRouteTableAssociation", """{"associationId":"rtbassoc-0c2d3e4f5a6b70819","routeTableId":"rtb-0a2b3c4d5e6f70819"}""",
            """{"requestId":"1f2a3b4c-5d6e-4f7a-8b9c-0d1e2f3a4b5c","newAssociationId":"rtbassoc-0d3e4f5a6b7c80910","associationState":{"state":"associated"}}"""),
        Change(Ec2, "DeleteRouteTable", """{"routeTableId":"rtb-0a2b3c4d5e6f70819"}""", Ok),
        Change(Ec2, "DeleteRoute", """{"routeTableId":"rtb-0a2b3c4d5e6f70819","destinationCidrBlock":"10.20.0.0/16"}""", Ok),
        Change(Ec2, "DisassociateRouteTable", """{"associationId":"rtbassoc-0d3e4f5a6b7c80910"}""", Ok),
    ];

    // The ClassicLink calls are retired but still on the CIS v5.0 list, so they stay here.
    public static IReadOnlyList<CloudTrailSample> VpcChanges { get; } =
    [
        Change(Ec2, "CreateVpc", """{"cidrBlock":"10.30.0.0/16","instanceTenancy":"default","amazonProvidedIpv6CidrBlock":false}""",
            """{"requestId":"2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d","vpc":{"vpcId":"vpc-0e3f4a5b6c7d80910","state":"pending","ownerId":"111122223333","cidrBlock":"10.30.0.0/16","dhcpOptionsId":"dopt-0a1b2c3d","instanceTenancy":"default","isDefault":false}}"""),
        Change(Ec2, "DeleteVpc", """{"vpcId":"vpc-0e3f4a5b6c7d80910"}""", Ok),
        Change(Ec2, "ModifyVpcAttribute", """{"vpcId":"vpc-0a1b2c3d4e5f60718","enableDnsHostnames":{"value":true}}""", Ok),
        Change(Ec2, "AcceptVpcPeeringConnection", """{"vpcPeeringConnectionId":"pcx-0b2c3d4e5f6a70819"}""",
            """{"requestId":"3b4c5d6e-7f8a-4b9c-8d1e-2f3a4b5c6d7e","vpcPeeringConnection":{"vpcPeeringConnectionId":"pcx-0b2c3d4e5f6a70819","status":{"code":"provisioning","message":"Provisioning"}}}"""),
        Change(Ec2, "CreateVpcPeeringConnection", """{"vpcId":"vpc-0a1b2c3d4e5f60718","peerVpcId":"vpc-0f4a5b6c7d8e90a1b","peerOwnerId":"444455556666"}""",
            """{"requestId":"4c5d6e7f-8a9b-4c0d-9e2f-3a4b5c6d7e8f","vpcPeeringConnection":{"vpcPeeringConnectionId":"pcx-0b2c3d4e5f6a70819","status":{"code":"initiating-request","message":"Initiating Request to 444455556666"}}}"""),
        Change(Ec2, "DeleteVpcPeeringConnection", """{"vpcPeeringConnectionId":"pcx-0b2c3d4e5f6a70819"}""", Ok),
        Change(Ec2, "RejectVpcPeeringConnection", """{"vpcPeeringConnectionId":"pcx-0c3d4e5f6a7b80910"}""", Ok),
        Change(Ec2, "AttachClassicLinkVpc", """{"instanceId":"i-0a1b2c3d4e5f60718","vpcId":"vpc-0a1b2c3d4e5f60718","groupSet":{"items":[{"groupId":"sg-0a1b2c3d4e5f60718"}]}}""", Ok),
        Change(Ec2, "DetachClassicLinkVpc", """{"instanceId":"i-0a1b2c3d4e5f60718","vpcId":"vpc-0a1b2c3d4e5f60718"}""", Ok),
        Change(Ec2, "DisableVpcClassicLink", """{"vpcId":"vpc-0a1b2c3d4e5f60718"}""", Ok),
        Change(Ec2, "EnableVpcClassicLink", """{"vpcId":"vpc-0a1b2c3d4e5f60718"}""", Ok),
    ];

    public static IReadOnlyList<CloudTrailSample> OrganizationsChanges { get; } =
    [
        Change(Organizations, "AcceptHandshake", """{"handshakeId":"h-3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c"}"""),
        Change(Organizations, "AttachPolicy", """{"policyId":"p-7k2m9q4x","targetId":"ou-ab12-3cd45ef6"}"""),
        Change(Organizations, "CreateAccount", """{"accountName":"sandbox","email":"HIDDEN_DUE_TO_SECURITY_REASONS","roleName":"OrganizationAccountAccessRole"}""",
            """{"createAccountStatus":{"id":"car-5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b","accountName":"HIDDEN_DUE_TO_SECURITY_REASONS","state":"IN_PROGRESS","requestedTimestamp":"Mar 14, 2026 9:40:11 AM"}}"""),
        Change(Organizations, "CreateOrganizationalUnit", """{"parentId":"r-ab12","name":"Workloads"}""",
            """{"organizationalUnit":{"id":"ou-ab12-3cd45ef6","arn":"arn:aws:organizations::111122223333:ou/o-a1b2c3d4e5/ou-ab12-3cd45ef6","name":"Workloads"}}"""),
        Change(Organizations, "CreatePolicy", """{"content":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"cloudtrail:StopLogging\",\"Resource\":\"*\"}]}","description":"Keep CloudTrail on","name":"protect-cloudtrail","type":"SERVICE_CONTROL_POLICY"}"""),
        Change(Organizations, "DeclineHandshake", """{"handshakeId":"h-4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d"}"""),
        Change(Organizations, "DeleteOrganization", null),
        Change(Organizations, "DeleteOrganizationalUnit", """{"organizationalUnitId":"ou-ab12-3cd45ef6"}"""),
        Change(Organizations, "DeletePolicy", """{"policyId":"p-7k2m9q4x"}"""),
        Change(Organizations, "DetachPolicy", """{"policyId":"p-7k2m9q4x","targetId":"ou-ab12-3cd45ef6"}"""),
        Change(Organizations, "DisablePolicyType", """{"rootId":"r-ab12","policyType":"SERVICE_CONTROL_POLICY"}"""),
        Change(Organizations, "EnablePolicyType", """{"rootId":"r-ab12","policyType":"TAG_POLICY"}"""),
        Change(Organizations, "InviteAccountToOrganization", """{"target":{"id":"444455556666","type":"ACCOUNT"}}"""),
        Change(Organizations, "LeaveOrganization", null),
        Change(Organizations, "MoveAccount", """{"accountId":"444455556666","sourceParentId":"r-ab12","destinationParentId":"ou-ab12-3cd45ef6"}"""),
        Change(Organizations, "RemoveAccountFromOrganization", """{"accountId":"444455556666"}"""),
        Change(Organizations, "UpdatePolicy", """{"policyId":"p-7k2m9q4x","description":"Keep CloudTrail and Config on"}"""),
        Change(Organizations, "UpdateOrganizationalUnit", """{"organizationalUnitId":"ou-ab12-3cd45ef6","name":"Production"}"""),
    ];

    /// <summary>
    /// Ordinary, successful activity: read-only calls in every service the controls watch, and a
    /// console sign-in with MFA. A pattern that matches any of these alarms all day and monitors nothing.
    /// </summary>
    public static IReadOnlyList<CloudTrailSample> Benign { get; } =
    [
        Ordinary(Caller.IamUser, Ec2, "DescribeInstances", """{"instancesSet":{},"filterSet":{}}"""),
        Ordinary(Caller.SsoAdmin, S3, "ListBuckets", """{"Host":"s3.eu-west-1.amazonaws.com"}"""),
        Ordinary(Caller.IamUser, "sts.amazonaws.com", "GetCallerIdentity", null),
        Ordinary(Caller.SsoAdmin, Iam, "ListUsers", null),
        Ordinary(Caller.SsoAdmin, Ec2, "DescribeSecurityGroups", """{"securityGroupSet":{},"securityGroupIdSet":{},"filterSet":{}}"""),
        Ordinary(Caller.IamUser, Kms, "ListAliases", null),
        Ordinary(Caller.SsoAdmin, CloudTrail, "DescribeTrails", """{"trailNameList":[],"includeShadowTrails":true}"""),
        Ordinary(Caller.SsoAdmin, Config, "DescribeConfigurationRecorders", null),
        Ordinary(Caller.SsoAdmin, Organizations, "DescribeOrganization", null),
        ConsoleLogin("signin:ConsoleLogin with MFA", Caller.IamUser, success: true, mfaUsed: true),
    ];
}
