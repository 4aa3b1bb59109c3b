using CloudAudit.Demo;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.Support;

/// <summary>IAM policy documents and accounts for the policy-based check tests.</summary>
public static class IamFixtures
{
    public const string AdminEverything = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
    public const string AllButPassRole = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:PassRole","Resource":"*"}]}""";
    public const string ReadOnlyS3 = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}""";

    public static IamAuthorizationBuilder Authorization() => new(TestAccount.Id);

    public static string Allow(string actions, string resources = "\"*\"", string? condition = null) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":{{actions}},"Resource":{{resources}}{{(condition is null ? "" : $",\"Condition\":{condition}")}}}]}""";

    /// <summary>An account whose authorization details are <paramref name="iam"/>.</summary>
    public static TestAccount With(this TestAccount account, IamAuthorizationBuilder iam)
    {
        account.Record.Global(IamAuthorizationCalls.GetAccountAuthorizationDetails, iam.Build());
        return account;
    }
}
