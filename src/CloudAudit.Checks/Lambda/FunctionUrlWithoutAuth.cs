using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Lambda;

/// <summary>A Lambda function URL that anyone on the internet can call without signing the request.</summary>
public sealed class FunctionUrlWithoutAuth : LambdaFunctionCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-lambda-001",
        Title = "Lambda function URL without authentication",
        Service = "Lambda",
        Severity = Severity.High,
        ResourceType = "AWS::Lambda::Url",
        Description = "Lists every function in the scanned regions and calls ListFunctionUrlConfigs for each one (covering "
            + "URLs on aliases too). A URL whose AuthType is NONE fails: requests need no SigV4 signature, so the function's "
            + "own code is the only access control.",
        Rationale = "A function URL with AuthType NONE is a public HTTPS endpoint. Anyone who finds it (URLs leak through "
            + "browser history, logs, front-end code and scanners enumerating lambda-url hostnames) can invoke the function "
            + "with any payload, run up its cost, and reach whatever its execution role can reach.",
        CommonCauses =
        [
            "A webhook receiver or prototype was exposed with NONE for convenience and kept in production.",
            "The function checks a shared secret in its own code, which is weaker than IAM and easy to get wrong.",
            "Infrastructure templates copied from tutorials that use AuthType NONE.",
        ],
        Recommendation = "Require AWS_IAM on the function URL (or put the function behind API Gateway or CloudFront with authentication).",
        Remediation = new(
            Cli: "aws lambda update-function-url-config --region {region} --function-name {function} --auth-type AWS_IAM",
            Terraform: """
                resource "aws_lambda_function_url" "{function:id}" {
                  function_name      = {function}
                  authorization_type = "AWS_IAM"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
            Effort: Effort.Medium),
    };

    protected override IReadOnlyList<ApiCall> ExtraReads { get; } = [LambdaCalls.ListFunctionUrlConfigs];

    protected override void Judge(Located<LambdaFunction> function, CheckContext context, Verdict verdict)
    {
        if (!context.Data.Lambda().UrlConfigs(function).TryGet(out var urls, out var gap))
        {
            verdict.Gap(gap!);
            return;
        }
        foreach (var url in (urls.FunctionUrlConfigs ?? []).Where(u => u.AuthType == "NONE"))
            verdict.Fail(url.FunctionArn, function.Region,
                $"Function {function.Resource.FunctionName} has a URL ({url.FunctionUrl}) that anyone can invoke without authentication (AuthType NONE).",
                new SlotValues().With("function", QualifiedName(function.Resource, url)));
    }

    /// <summary>The function name, with the alias when the URL belongs to one (name:alias).</summary>
    private static string QualifiedName(LambdaFunction function, FunctionUrlConfig url)
    {
        var parts = url.FunctionArn.Split(':');
        return parts.Length == 8 ? $"{function.FunctionName}:{parts[7]}" : function.FunctionName;
    }
}
