namespace CloudAudit.Demo;

/// <summary>The bucket policy documents of the demo's buckets (DemoS3), statement by statement.</summary>
internal static class DemoBucketPolicies
{
    public static string Of(params string[] statements) => $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";

    /// <summary>The CIS statement: every S3 action on the bucket and its objects is refused without TLS.</summary>
    public static string TlsDeny(string bucket) => $$"""
        {"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*",
         "Resource":["arn:aws:s3:::{{bucket}}","arn:aws:s3:::{{bucket}}/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"} } }
        """;

    /// <summary>S3 server access logging may write, for the account's own buckets only.</summary>
    public static string ServerAccessLogs(string bucket, string account) => $$"""
        {"Sid":"ServerAccessLogsDelivery","Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject",
         "Resource":"arn:aws:s3:::{{bucket}}/*","Condition":{"StringEquals":{"aws:SourceAccount":"{{account}}"} } }
        """;

    /// <summary>Anyone may read the objects, as S3 website hosting needs.</summary>
    public static string PublicRead(string bucket, string sid) => $$"""
        {"Sid":"{{sid}}","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}
        """;

    /// <summary>A principal of another account reads objects, as long as it belongs to the organization.</summary>
    public static string OrganizationReads(string bucket, string sid, string principal, string prefix = "") => $$"""
        {"Sid":"{{sid}}","Effect":"Allow","Principal":{"AWS":"{{principal}}"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/{{prefix}}*",
         "Condition":{"StringEquals":{"aws:PrincipalOrgID":"{{DemoAccount.OrganizationId}}"} } }
        """;

    /// <summary>CloudTrail's bucket policy: bound to the trail with aws:SourceArn (and TLS enforced), or as written before aws:SourceArn existed.</summary>
    public static string Trail(string bucket, string account, string? trailArn)
    {
        var condition = trailArn is null ? "" : $$""","Condition":{"StringEquals":{"aws:SourceArn":"{{trailArn}}"} }""";
        var statements = new List<string>
        {
            $$"""{"Sid":"AWSCloudTrailAclCheck","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:GetBucketAcl","Resource":"arn:aws:s3:::{{bucket}}"{{condition}}}""",
            $$"""{"Sid":"AWSCloudTrailWrite","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::{{bucket}}/AWSLogs/{{account}}/*"{{condition}}}""",
        };
        if (trailArn is not null) statements.Add(TlsDeny(bucket));
        return Of([.. statements]);
    }
}
