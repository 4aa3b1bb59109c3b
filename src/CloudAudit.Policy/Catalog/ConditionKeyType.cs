namespace CloudAudit.Policy.Catalog;

public enum ConditionValueType { String, Arn, Date, Bool, Numeric, IpAddress, Binary }

/// <summary>A condition key's type from the Service Authorization Reference: ArrayOf types are multivalued.</summary>
public sealed record ConditionKeyInfo(string Name, ConditionValueType Type, bool IsMultivalued)
{
    internal static ConditionKeyInfo FromCatalogue(string name, string type)
    {
        var multivalued = type.StartsWith("ArrayOf", StringComparison.Ordinal);
        var baseType = multivalued ? type["ArrayOf".Length..] : type;
        var valueType = baseType switch
        {
            "ARN" or "Arn" => ConditionValueType.Arn,
            "Date" => ConditionValueType.Date,
            "Bool" or "Boolean" => ConditionValueType.Bool,
            "Numeric" or "Long" or "Integer" => ConditionValueType.Numeric,
            "IPAddress" or "IpAddress" => ConditionValueType.IpAddress,
            "Binary" => ConditionValueType.Binary,
            _ => ConditionValueType.String,
        };
        return new ConditionKeyInfo(name, valueType, multivalued);
    }

    /// <summary>Null when the value has this key's type; otherwise what was expected.</summary>
    public string? CheckValue(string value)
    {
        var ok = Type switch
        {
            ConditionValueType.Arn => Matching.Arn.TryParse(value, out _),
            ConditionValueType.Date => Conditions.ConditionClause.TryDate(value, out _),
            ConditionValueType.Bool => Conditions.ConditionClause.TryBool(value, out _),
            ConditionValueType.Numeric => Conditions.ConditionClause.TryNumber(value, out _),
            ConditionValueType.IpAddress => Conditions.IpRange.TryParseAddress(value, out _),
            ConditionValueType.Binary => Convert.TryFromBase64String(value, new byte[value.Length], out _),
            _ => true,
        };
        return ok ? null : Type switch
        {
            ConditionValueType.Arn => "an ARN",
            ConditionValueType.Date => "a date (ISO 8601 or epoch seconds)",
            ConditionValueType.Bool => "true or false",
            ConditionValueType.Numeric => "a number",
            ConditionValueType.IpAddress => "an IP address",
            _ => "base64 data",
        };
    }
}

/// <summary>
/// The global condition keys (aws:…), which the Service Authorization Reference does not list per service.
/// Types as documented in IAM's "AWS global condition context keys".
/// </summary>
static class GlobalConditionKeys
{
    public static readonly ConditionKeyInfo[] All =
    [
        K("aws:CalledVia", ConditionValueType.String, true),
        K("aws:CalledViaFirst", ConditionValueType.String),
        K("aws:CalledViaLast", ConditionValueType.String),
        K("aws:CurrentTime", ConditionValueType.Date),
        K("aws:EpochTime", ConditionValueType.Date),
        K("aws:Ec2InstanceSourcePrivateIPv4", ConditionValueType.IpAddress),
        K("aws:Ec2InstanceSourceVpc", ConditionValueType.String),
        K("aws:FederatedProvider", ConditionValueType.String),
        K("aws:IsMcpServiceAction", ConditionValueType.Bool),
        K("aws:MultiFactorAuthAge", ConditionValueType.Numeric),
        K("aws:MultiFactorAuthPresent", ConditionValueType.Bool),
        K("aws:PrincipalAccount", ConditionValueType.String),
        K("aws:PrincipalArn", ConditionValueType.Arn),
        K("aws:PrincipalIsAWSService", ConditionValueType.Bool),
        K("aws:PrincipalOrgID", ConditionValueType.String),
        K("aws:PrincipalOrgPaths", ConditionValueType.String, true),
        K("aws:PrincipalServiceName", ConditionValueType.String),
        K("aws:PrincipalServiceNamesList", ConditionValueType.String, true),
        K("aws:PrincipalTag/", ConditionValueType.String),
        K("aws:PrincipalType", ConditionValueType.String),
        K("aws:Referer", ConditionValueType.String),
        K("aws:RequestedRegion", ConditionValueType.String),
        K("aws:RequestTag/", ConditionValueType.String),
        K("aws:ResourceAccount", ConditionValueType.String),
        K("aws:ResourceOrgID", ConditionValueType.String),
        K("aws:ResourceOrgPaths", ConditionValueType.String, true),
        K("aws:ResourceTag/", ConditionValueType.String),
        K("aws:RoleSessionName", ConditionValueType.String),
        K("aws:SecureTransport", ConditionValueType.Bool),
        K("aws:SourceAccount", ConditionValueType.String),
        K("aws:SourceArn", ConditionValueType.Arn),
        K("aws:SourceIdentity", ConditionValueType.String),
        K("aws:SourceIp", ConditionValueType.IpAddress),
        K("aws:SourceOrgID", ConditionValueType.String),
        K("aws:SourceOrgPaths", ConditionValueType.String, true),
        K("aws:SourceOwner", ConditionValueType.String),
        K("aws:SourceVpc", ConditionValueType.String),
        K("aws:SourceVpcArn", ConditionValueType.Arn),
        K("aws:SourceVpce", ConditionValueType.String),
        K("aws:TagKeys", ConditionValueType.String, true),
        K("aws:TokenIssueTime", ConditionValueType.Date),
        K("aws:UserAgent", ConditionValueType.String),
        K("aws:userid", ConditionValueType.String),
        K("aws:username", ConditionValueType.String),
        K("aws:ViaAWSService", ConditionValueType.Bool),
        K("aws:VpceAccount", ConditionValueType.String),
        K("aws:VpceOrgID", ConditionValueType.String),
        K("aws:VpceOrgPaths", ConditionValueType.String, true),
        K("aws:VpcSourceIp", ConditionValueType.IpAddress),
    ];

    static ConditionKeyInfo K(string name, ConditionValueType type, bool multivalued = false) => new(name, type, multivalued);
}
