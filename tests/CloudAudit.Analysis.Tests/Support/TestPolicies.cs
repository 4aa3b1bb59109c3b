namespace CloudAudit.Analysis.Tests.Support;

/// <summary>Identity policies the graph tests give their roles: an administrator, a reader, one action on one resource.</summary>
public static class TestPolicies
{
    public const string Admin = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
    public const string ReadOnly = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

    public static string Allow(string action, string resource) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"{{action}}","Resource":"{{resource}}"}]}""";
}
