using System.Text;

namespace CloudAudit.Analysis.Fingerprints;

/// <summary>
/// A resource's identity as the fingerprint uses it: the same resource gives the same key whether a
/// check names it by ARN or by its bare ID, in whichever partition, with whichever IAM path or letter
/// case AWS treats as the same. The rules are part of the fingerprint's contract (docs/history.md);
/// changing one changes every fingerprint, so a change needs a new fingerprint version.
/// </summary>
public static class ResourceKey
{
    /// <summary>CloudFormation resource type → the ARN service and resource-part prefix of a bare ID of that type.</summary>
    private static readonly Dictionary<string, (string Service, string Prefix)> BareIdPrefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AWS::S3::Bucket"] = ("s3", ""),
        ["AWS::EC2::Instance"] = ("ec2", "instance/"),
        ["AWS::EC2::Volume"] = ("ec2", "volume/"),
        ["AWS::EC2::Snapshot"] = ("ec2", "snapshot/"),
        ["AWS::EC2::Image"] = ("ec2", "image/"),
        ["AWS::EC2::SecurityGroup"] = ("ec2", "security-group/"),
        ["AWS::EC2::VPC"] = ("ec2", "vpc/"),
        ["AWS::EC2::Subnet"] = ("ec2", "subnet/"),
        ["AWS::EC2::NetworkAcl"] = ("ec2", "network-acl/"),
        ["AWS::EC2::RouteTable"] = ("ec2", "route-table/"),
        ["AWS::EC2::Route"] = ("ec2", "route-table/"),
        ["AWS::EC2::EIP"] = ("ec2", "elastic-ip/"),
        ["AWS::IAM::User"] = ("iam", "user/"),
        ["AWS::IAM::Role"] = ("iam", "role/"),
        ["AWS::IAM::Group"] = ("iam", "group/"),
        ["AWS::IAM::ManagedPolicy"] = ("iam", "policy/"),
        ["AWS::IAM::InstanceProfile"] = ("iam", "instance-profile/"),
        ["AWS::IAM::ServerCertificate"] = ("iam", "server-certificate/"),
        ["AWS::Lambda::Function"] = ("lambda", "function:"),
        ["AWS::DynamoDB::Table"] = ("dynamodb", "table/"),
        ["AWS::RDS::DBInstance"] = ("rds", "db:"),
        ["AWS::RDS::DBCluster"] = ("rds", "cluster:"),
        ["AWS::KMS::Key"] = ("kms", "key/"),
        ["AWS::Logs::LogGroup"] = ("logs", "log-group:"),
        ["AWS::CloudTrail::Trail"] = ("cloudtrail", "trail/"),
        ["AWS::SNS::Topic"] = ("sns", ""),
        ["AWS::SQS::Queue"] = ("sqs", ""),
        ["AWS::SecretsManager::Secret"] = ("secretsmanager", "secret:"),
        ["AWS::EFS::FileSystem"] = ("elasticfilesystem", "file-system/"),
        ["AWS::ECS::TaskDefinition"] = ("ecs", "task-definition/"),
        ["AWS::SSM::Parameter"] = ("ssm", "parameter"),
        ["AWS::SageMaker::NotebookInstance"] = ("sagemaker", "notebook-instance/"),
        ["AWS::SageMaker::EndpointConfig"] = ("sagemaker", "endpoint-config/"),
    };

    /// <summary>IAM resource types whose names are unique in the account whatever their path, and compared without case.</summary>
    private static readonly string[] IamNamedTypes = ["user/", "role/", "group/", "policy/", "instance-profile/", "server-certificate/"];

    public const string AccountKey = "account";

    /// <summary>
    /// The key of <paramref name="resourceId"/> (an ARN or a bare ID of <paramref name="resourceType"/>) in a
    /// finding of <paramref name="accountId"/> and <paramref name="region"/>. A <c>#suffix</c> (a rule, a
    /// policy or a gap within the resource) is kept as written after the resource's own key.
    /// </summary>
    public static string Normalize(string resourceType, string resourceId, string accountId, string region)
    {
        var id = resourceId.Trim().Normalize(NormalizationForm.FormC);
        var hash = id.IndexOf('#', StringComparison.Ordinal);
        var (head, suffix) = hash < 0 ? (id, "") : (id[..hash], id[hash..]);
        return KeyOf(resourceType.Trim(), head, accountId.Trim(), region.Trim()) + suffix;
    }

    private static string KeyOf(string resourceType, string id, string accountId, string region)
    {
        if (TryParseArn(id, out var arn))
        {
            if (arn.Service == "iam" && arn.Resource == "root" && arn.Account == accountId)
                return AccountKey;
            var resource = Canonical(arn.Service, arn.Resource);
            // An ARN in the finding's own account and region says no more than the finding does; elsewhere it does.
            var local = (arn.Account.Length == 0 || arn.Account == accountId)
                && (arn.Region.Length == 0 || arn.Region.Equals(region, StringComparison.OrdinalIgnoreCase));
            return local ? $"{arn.Service}:{resource}" : $"{arn.Service}:{arn.Region}:{arn.Account}:{resource}";
        }
        if (resourceType.Equals("AWS::::Account", StringComparison.OrdinalIgnoreCase) && id == accountId)
            return AccountKey;
        if (BareIdPrefixes.TryGetValue(resourceType, out var form) && id.Length > 0)
        {
            var bare = form.Service == "ssm" && !id.StartsWith('/') ? "/" + id : id;
            return $"{form.Service}:{Canonical(form.Service, form.Prefix + bare)}";
        }
        return id;
    }

    /// <summary>What AWS itself treats as the same name: IAM names without path or case, EC2 IDs and SageMaker names in lower case.</summary>
    private static string Canonical(string service, string resource)
    {
        switch (service)
        {
            case "iam":
                foreach (var type in IamNamedTypes)
                    if (resource.StartsWith(type, StringComparison.OrdinalIgnoreCase))
                        return type + resource[(resource.LastIndexOf('/') + 1)..].ToLowerInvariant();
                return resource;
            case "ec2":
            case "sagemaker":
                return resource.ToLowerInvariant();
            default:
                return resource;
        }
    }

    private readonly record struct Arn(string Service, string Region, string Account, string Resource);

    /// <summary>arn:partition:service:region:account:resource; the partition is dropped (an account lives in one).</summary>
    private static bool TryParseArn(string text, out Arn arn)
    {
        arn = default;
        if (!text.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
            return false;
        var parts = text.Split(':', 6);
        if (parts.Length < 6 || parts[1].Length == 0 || parts[2].Length == 0)
            return false;
        arn = new Arn(parts[2].ToLowerInvariant(), parts[3].ToLowerInvariant(), parts[4], parts[5]);
        return true;
    }
}
