using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Iam;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Demo;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Support.IamFixtures;

namespace CloudAudit.Checks.Tests.Threat;

/// <summary>
/// Detectors of standing ways back in: a public function URL (aws-tf-002), a Roles Anywhere anchor trusting an outside
/// CA (aws-tf-009) and DataZone's full access on a principal that is no administrator (aws-tf-010).
/// </summary>
public class BackdoorDetectorTests
{
    private const string Admin = "arn:aws:iam::aws:policy/AdministratorAccess";

    private static string Function(string name, string role) => $$"""
        {"FunctionName": "{{name}}", "FunctionArn": "arn:aws:lambda:us-east-1:{{TestAccount.Id}}:function:{{name}}",
         "Runtime": "python3.13", "PackageType": "Zip", "Role": "arn:aws:iam::{{TestAccount.Id}}:role/{{role}}"}
        """;

    private static string Url(string name, string authType) => $$"""
        {"FunctionUrlConfigs": [{"FunctionUrl": "https://{{name}}.lambda-url.us-east-1.on.aws/", "AuthType": "{{authType}}",
          "FunctionArn": "arn:aws:lambda:us-east-1:{{TestAccount.Id}}:function:{{name}}", "CreationTime": "2026-10-31T23:10:00Z", "LastModifiedTime": "2026-10-31T23:10:00Z"}]}
        """;

    /// <summary>The second statement the console adds since October 2025: InvokeFunction for anyone, through the URL only.</summary>
    private static string InvokeStatement(string name) => $$$"""
        ,{"Sid":"FunctionURLInvokeAllowPublicAccess","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction",
          "Resource":"arn:aws:lambda:us-east-1:{{{TestAccount.Id}}}:function:{{{name}}}","Condition":{"Bool":{"lambda:InvokedViaFunctionUrl":"true"} } }
        """;

    /// <summary>
    /// The resource policy the console adds to a public URL (anyone, when the URL's auth type is NONE); the URLs here were
    /// created in October 2026, so without the InvokeFunction statement Lambda refuses anonymous calls.
    /// </summary>
    private static string PublicPolicy(string name, bool withInvoke = true) => new JsonObject
    {
        ["Policy"] = $$"""
            {"Version":"2012-10-17","Statement":[{"Sid":"FunctionURLAllowPublicAccess","Effect":"Allow","Principal":"*",
             "Action":"lambda:InvokeFunctionUrl","Resource":"arn:aws:lambda:us-east-1:{{TestAccount.Id}}:function:{{name}}",
             "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"} } }{{(withInvoke ? InvokeStatement(name) : "")}} ]}
            """,
        ["RevisionId"] = "4f1c2a9e-0000-4000-8000-000000000001",
    }.ToJsonString();

    private static TestAccount Functions(params (string Name, string Role, string? AuthType, bool Public)[] functions) => Functions(true, functions);

    private static TestAccount Functions(bool withInvoke, params (string Name, string Role, string? AuthType, bool Public)[] functions)
    {
        var account = new TestAccount("us-east-1")
            .Answer(LambdaCalls.ListFunctions, "us-east-1", $$"""{"Functions": [{{string.Join(",", functions.Select(f => Function(f.Name, f.Role)))}}]}""")
            .With(Authorization()
                .Role("backdoor-role", IamAuthorizationBuilder.Trust.Service("lambda.amazonaws.com"), managed: [Admin])
                .Role("webhook-role", IamAuthorizationBuilder.Trust.Service("lambda.amazonaws.com"), inline: [("s3", ReadOnlyS3)]));
        foreach (var f in functions)
        {
            account.Answer(LambdaCalls.ListFunctionUrlConfigs, "us-east-1", "FunctionName", f.Name,
                f.AuthType is null ? """{"FunctionUrlConfigs": []}""" : Url(f.Name, f.AuthType));
            if (f.Public)
                account.Answer(ResourcePolicyCalls.GetFunctionPolicy, "us-east-1", "FunctionName", f.Name, PublicPolicy(f.Name, withInvoke));
            else
                account.Record.Failure(ResourcePolicyCalls.GetFunctionPolicy, "us-east-1", JsonParams.Of(("FunctionName", (JsonNode?)f.Name)),
                    Inventory.Snapshot.ErrorKind.NotFound, "ResourceNotFoundException", "The resource you requested does not exist.", 404);
        }
        return account;
    }

    [Fact]
    public void A_public_url_is_high_and_critical_when_the_function_s_role_is_an_administrator()
    {
        var account = Functions(("backdoor", "backdoor-role", "NONE", true), ("webhook", "webhook-role", "NONE", true));

        var findings = account.Run("aws-tf-002").Findings.ToDictionary(f => f.ResourceId[(f.ResourceId.LastIndexOf(':') + 1)..]);

        Assert.Equal(Severity.Critical, findings["backdoor"].Severity);
        Assert.Contains("Its execution role backdoor-role is an administrator", findings["backdoor"].Description);
        Assert.Contains("aws lambda update-function-url-config --region us-east-1 --function-name backdoor --auth-type AWS_IAM", findings["backdoor"].Remediation!.Cli);
        Assert.Equal(Severity.High, findings["webhook"].Severity);
        Assert.Equal("TF-002-lambda-function-url-persistence", findings["webhook"].ThreatPatternId);
    }

    [Fact]
    public void Signed_urls_and_none_urls_no_policy_opens_pass()
    {
        var result = Functions(("signed", "backdoor-role", "AWS_IAM", true), ("unreachable", "backdoor-role", "NONE", false), ("plain", "webhook-role", null, false))
            .Run("aws-tf-002");

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal(3, result.ResourcesScanned);
    }

    [Fact]
    public void A_url_created_since_October_2025_whose_policy_allows_only_InvokeFunctionUrl_passes()
    {
        var result = Functions(withInvoke: false, ("backdoor", "backdoor-role", "NONE", true)).Run("aws-tf-002");

        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public void Unreadable_url_configurations_are_not_assessed()
    {
        var account = new TestAccount("us-east-1")
            .Answer(LambdaCalls.ListFunctions, "us-east-1", $$"""{"Functions": [{{Function("f", "webhook-role")}}]}""")
            .DeniedTarget(LambdaCalls.ListFunctionUrlConfigs, "us-east-1", "FunctionName", "f");

        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-tf-002").Status);
    }

    private static string Anchor(string name, string sourceType, bool enabled)
    {
        var id = $"{name}-0000-4000-8000-000000000001";
        var data = sourceType == "AWS_ACM_PCA"
            ? new JsonObject { ["acmPcaArn"] = $"arn:aws:acm-pca:us-east-1:{TestAccount.Id}:certificate-authority/ca1" }
            : new JsonObject { ["x509CertificateData"] = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----" };
        return new JsonObject
        {
            ["trustAnchorId"] = id, ["trustAnchorArn"] = $"arn:aws:rolesanywhere:us-east-1:{TestAccount.Id}:trust-anchor/{id}",
            ["name"] = name, ["enabled"] = enabled,
            ["source"] = new JsonObject { ["sourceType"] = sourceType, ["sourceData"] = data },
        }.ToJsonString();
    }

    private static TestAccount Anchors(params string[] anchors) => new TestAccount("us-east-1")
        .Answer(IdentityAndMailCalls.ListTrustAnchors, "us-east-1", $$"""{"trustAnchors": [{{string.Join(",", anchors)}}]}""")
        .With(Authorization()
            .Role("edge-device", IamAuthorizationBuilder.Trust.Service("rolesanywhere.amazonaws.com"), inline: [("s3", ReadOnlyS3)])
            .Role("app", IamAuthorizationBuilder.Trust.Service("lambda.amazonaws.com")));

    [Fact]
    public void An_anchor_trusting_an_outside_ca_is_high_medium_when_disabled_and_names_the_roles_it_reaches()
    {
        var findings = Anchors(Anchor("byo-ca", "CERTIFICATE_BUNDLE", true), Anchor("old-ca", "SELF_SIGNED_REPOSITORY", false), Anchor("pca", "AWS_ACM_PCA", true))
            .Run("aws-tf-009").Findings.OrderBy(f => f.Severity).ToList();

        Assert.Equal([Severity.High, Severity.Medium], findings.Select(f => f.Severity));
        Assert.Contains("Trust anchor byo-ca (enabled) trusts certificates of an external CA (CERTIFICATE_BUNDLE)", findings[0].Description);
        Assert.Contains("Roles its certificates can become (they trust Roles Anywhere without pinning another anchor): edge-device.", findings[0].Description);
        Assert.Contains("(disabled)", findings[1].Description);
        Assert.Equal("TF-009-roles-anywhere-abuse", findings[0].ThreatPatternId);
    }

    [Fact]
    public void Private_ca_anchors_pass_no_anchor_is_not_applicable_and_a_denied_listing_is_not_assessed()
    {
        Assert.Equal(CheckStatus.Pass, Anchors(Anchor("pca", "AWS_ACM_PCA", true)).Run("aws-tf-009").Status);
        Assert.Equal(CheckStatus.NotApplicable, Anchors().Run("aws-tf-009").Status);
        Assert.Equal(CheckStatus.NotAssessed, new TestAccount("us-east-1").Denied(IdentityAndMailCalls.ListTrustAnchors, "us-east-1").Run("aws-tf-009").Status);
    }

    private const string DataZoneFull = "arn:aws:iam::aws:policy/AmazonDataZoneFullAccess";

    [Fact]
    public void DataZone_full_access_on_a_principal_that_is_no_administrator_fails_by_how_it_holds_it()
    {
        var account = new TestAccount("us-east-1").With(Authorization()
            .Group("analysts", managed: [DataZoneFull])
            .User("ana", groups: ["analysts"])
            .Role("etl", IamAuthorizationBuilder.Trust.Service("glue.amazonaws.com"), managed: [DataZoneFull])
            .Role("platform-admin", IamAuthorizationBuilder.Trust.Account(TestAccount.Id), managed: [Admin, DataZoneFull]));

        var findings = account.Run("aws-tf-010").Findings.ToDictionary(f => f.ResourceId[(f.ResourceId.LastIndexOf('/') + 1)..]);

        Assert.Equal(["ana", "etl"], findings.Keys.Order());
        Assert.Contains("holds AmazonDataZoneFullAccess (through its group analysts) and is not an administrator", findings["ana"].Description);
        Assert.Contains("--group-name analysts", findings["ana"].Remediation!.Cli);
        Assert.Contains("holds AmazonDataZoneFullAccess (attached to it)", findings["etl"].Description);
        Assert.Contains("--role-name etl", findings["etl"].Remediation!.Cli);
        Assert.Equal("TF-010-datazone-overgrant", findings["etl"].ThreatPatternId);
    }

    [Fact]
    public void Administrators_and_principals_without_the_policy_pass_and_unreadable_iam_is_not_assessed()
    {
        var account = new TestAccount("us-east-1").With(Authorization()
            .Role("platform-admin", IamAuthorizationBuilder.Trust.Account(TestAccount.Id), managed: [Admin, DataZoneFull])
            .User("dev", inline: [("s3", ReadOnlyS3)]));
        Assert.Equal(CheckStatus.Pass, account.Run("aws-tf-010").Status);

        Assert.Equal(CheckStatus.NotAssessed,
            new TestAccount("us-east-1").DeniedGlobal(IamAuthorizationCalls.GetAccountAuthorizationDetails).Run("aws-tf-010").Status);
    }

    private const string Ec2Full = "arn:aws:iam::aws:policy/AmazonEC2FullAccess";

    private static TestAccount Ci(string allowedImages, IamAuthorizationBuilder iam) =>
        new TestAccount("us-east-1").Answer(Ec2Calls.GetAllowedImagesSettings, "us-east-1", allowedImages).With(iam);

    private const string AllowedImagesDisabled = """{"State": "disabled"}""";
    private const string OwnersOnly = """{"State": "enabled", "ImageCriteria": [{"ImageProviders": ["amazon", "111122223333"]}]}""";

    [Fact]
    public void A_ci_role_that_may_launch_a_stranger_s_image_fails_with_a_deny_by_owner()
    {
        var iam = Authorization()
            .Role("gha-deploy", IamAuthorizationBuilder.Trust.GitHub(TestAccount.Id, "repo:acme/infra:ref:refs/heads/main"), managed: [Ec2Full])
            .Role("codebuild-pinned", IamAuthorizationBuilder.Trust.Service("codebuild.amazonaws.com"),
                inline: [("run", Allow("\"ec2:RunInstances\"", condition: """{"StringEquals":{"ec2:Owner":["amazon","111122223333"]}}"""))])
            .Role("app", IamAuthorizationBuilder.Trust.Service("lambda.amazonaws.com"), managed: [Ec2Full]);

        var finding = Ci(AllowedImagesDisabled, iam).Run("aws-tf-007").Single();

        Assert.Equal((Severity.Medium, Category.Threat), (finding.Severity, finding.Category));
        Assert.Equal($"arn:aws:iam::{TestAccount.Id}:role/gha-deploy", finding.ResourceId);
        Assert.Contains("Role gha-deploy is trusted by GitHub Actions and may launch instances from a public image of any account", finding.Description);
        Assert.Contains("does not refuse such images in us-east-1", finding.Description);
        Assert.Contains("aws iam put-role-policy --role-name gha-deploy", finding.Remediation!.Cli);
        Assert.Contains("DenyImagesOfOtherOwners", finding.Remediation.Cli);
    }

    [Fact]
    public void Allowed_amis_limited_to_owners_passes_no_ci_role_is_not_applicable_and_unreadable_iam_is_not_assessed()
    {
        var iam = Authorization().Role("gha-deploy", IamAuthorizationBuilder.Trust.GitHub(TestAccount.Id, "repo:acme/infra:ref:refs/heads/main"), managed: [Ec2Full]);
        var guarded = Ci(OwnersOnly, iam).Run("aws-tf-007");
        Assert.Equal(CheckStatus.Pass, guarded.Status);
        Assert.Equal(1, guarded.ResourcesScanned);

        var noCi = Ci(AllowedImagesDisabled, Authorization().Role("app", IamAuthorizationBuilder.Trust.Service("lambda.amazonaws.com"), managed: [Ec2Full]));
        Assert.Equal(CheckStatus.NotApplicable, noCi.Run("aws-tf-007").Status);

        Assert.Equal(CheckStatus.NotAssessed, new TestAccount("us-east-1").Answer(Ec2Calls.GetAllowedImagesSettings, "us-east-1", AllowedImagesDisabled)
            .DeniedGlobal(IamAuthorizationCalls.GetAccountAuthorizationDetails).Run("aws-tf-007").Status);
    }

    private static TestAccount Instances(params string[] instances) => new TestAccount("us-east-1")
        .Answer(Ec2Calls.DescribeInstances, "us-east-1", Ec2.Ec2Data.Instances(instances))
        .Answer(AgentCoreCalls.ListAgentRuntimes, "us-east-1", """{"agentRuntimes": []}""");

    [Fact]
    public void An_instance_that_answers_imdsv1_is_high_and_names_the_credentials_at_stake()
    {
        var legacy = Ec2.Ec2Data.Instance("i-legacy", tokens: "optional", name: "billing-batch").Replace("\"VpcId\"",
            $"\"IamInstanceProfile\": {{\"Arn\": \"arn:aws:iam::{TestAccount.Id}:instance-profile/batch\", \"Id\": \"AIPAEXAMPLE0000000001\"}}, \"VpcId\"",
            StringComparison.Ordinal);

        var finding = Instances(legacy, Ec2.Ec2Data.Instance("i-v2")).Run("aws-tf-006").Single();

        Assert.Equal((Severity.High, "i-legacy"), (finding.Severity, finding.ResourceId));
        Assert.Contains("answers IMDSv1 requests (HttpTokens optional)", finding.Description);
        Assert.Contains($"It runs with instance profile arn:aws:iam::{TestAccount.Id}:instance-profile/batch", finding.Description);
        Assert.Contains("--instance-id i-legacy --http-tokens required", finding.Remediation!.Cli);
        Assert.Equal("TF-006-mmdsv1-in-use", finding.ThreatPatternId);
    }

    [Fact]
    public void Instances_requiring_tokens_pass_and_an_unreadable_region_is_not_assessed()
    {
        Assert.Equal(CheckStatus.Pass, Instances(Ec2.Ec2Data.Instance("i-v2")).Run("aws-tf-006").Status);

        var denied = new TestAccount("us-east-1").Denied(Ec2Calls.DescribeInstances, "us-east-1")
            .Answer(AgentCoreCalls.ListAgentRuntimes, "us-east-1", """{"agentRuntimes": []}""");
        Assert.Equal(CheckStatus.NotAssessed, denied.Run("aws-tf-006").Status);
    }
}
