using CloudAudit.Checks.Tests.Support;

namespace CloudAudit.Checks.Tests.Ec2;

/// <summary>EC2 responses in AWS CLI shape for check tests.</summary>
public static class Ec2Data
{
    public static string Instance(string id, string state = "running", string tokens = "required", string endpoint = "enabled",
        string? asg = null, string? lifecycle = null, string transition = "", string name = "app", params string[] volumes)
    {
        var tags = $$"""{"Key": "Name", "Value": "{{name}}"}""" + (asg is null ? "" : $$""", {"Key": "aws:autoscaling:groupName", "Value": "{{asg}}"}""");
        var devices = string.Join(",", volumes.Select((v, i) => $$"""{"DeviceName": "/dev/xvd{{(char)('a' + i)}}", "Ebs": {"VolumeId": "{{v}}"} }"""));
        return $$"""
            {"InstanceId": "{{id}}", "InstanceType": "t3.medium", "ImageId": "ami-0123456789abcdef0",
             "State": {"Code": 16, "Name": "{{state}}"}, "StateTransitionReason": "{{transition}}",
             "VpcId": "vpc-1", "SubnetId": "subnet-1"{{(lifecycle is null ? "" : $", \"InstanceLifecycle\": \"{lifecycle}\"")}},
             "MetadataOptions": {"State": "applied", "HttpTokens": "{{tokens}}", "HttpEndpoint": "{{endpoint}}", "HttpPutResponseHopLimit": 2},
             "BlockDeviceMappings": [{{devices}}], "Tags": [{{tags}}]}
            """;
    }

    public static string Instances(params string[] instances) =>
        $$"""{"Reservations": [{"ReservationId": "r-0a1b2c3d", "OwnerId": "{{TestAccount.Id}}", "Instances": [{{string.Join(",", instances)}}]}]}""";

    public static string Protection(string id, bool enabled) =>
        $$"""{"InstanceId": "{{id}}", "DisableApiTermination": {"Value": {{(enabled ? "true" : "false")}}} }""";

    public static string Volume(string id, bool encrypted, string? instance = null, string type = "gp3", int size = 8, int? iops = null) =>
        $$"""
        {"VolumeId": "{{id}}", "Size": {{size}}, "VolumeType": "{{type}}"{{(iops is null ? "" : $", \"Iops\": {iops}")}}, "Encrypted": {{(encrypted ? "true" : "false")}},
         "State": "{{(instance is null ? "available" : "in-use")}}", "AvailabilityZone": "us-east-1a",
         "Attachments": [{{(instance is null ? "" : $$"""{"InstanceId": "{{instance}}", "Device": "/dev/xvda", "State": "attached"}""")}}]}
        """;

    public static string Volumes(params string[] volumes) => $$"""{"Volumes": [{{string.Join(",", volumes)}}]}""";

    public static string Image(string id, bool isPublic, string owner = TestAccount.Id) =>
        $$"""{"ImageId": "{{id}}", "Name": "golden-{{id}}", "OwnerId": "{{owner}}", "Public": {{(isPublic ? "true" : "false")}}, "State": "available"}""";

    public static string Images(params string[] images) => $$"""{"Images": [{{string.Join(",", images)}}]}""";

    public static string Address(string allocation, string ip, string? association = null, string? pool = "amazon", string? serviceManaged = null) =>
        $$"""
        {"AllocationId": "{{allocation}}", "PublicIp": "{{ip}}", "Domain": "vpc"
         {{(association is null ? "" : $", \"AssociationId\": \"{association}\", \"InstanceId\": \"i-1\"")}}
         {{(pool is null ? "" : $", \"PublicIpv4Pool\": \"{pool}\"")}}{{(serviceManaged is null ? "" : $", \"ServiceManaged\": \"{serviceManaged}\"")}}}
        """;

    public static string Addresses(params string[] addresses) => $$"""{"Addresses": [{{string.Join(",", addresses)}}]}""";
}
