using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Lambda;

/// <summary>A Lambda function on a runtime that AWS has deprecated (or will within 90 days).</summary>
public sealed class DeprecatedRuntime : LambdaFunctionCheck
{
    public static readonly TimeSpan Warning = TimeSpan.FromDays(90);

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-lambda-002",
        Title = "Lambda function on a deprecated runtime",
        Service = "Lambda",
        Severity = Severity.Medium,
        ResourceType = "AWS::Lambda::Function",
        Description = "Compares each .zip function's Runtime with a table of Lambda runtime deprecation dates (from the AWS "
            + "Lambda runtimes page) as of the scan time. A deprecated runtime fails as Medium, as High once AWS blocks "
            + "updates to functions on it, and a runtime deprecated within the next 90 days fails as Low; the finding gives "
            + "the date. Container-image functions carry their runtime in the image and are not judged.",
        Rationale = "A deprecated runtime no longer receives security patches for its language and operating system, so known "
            + "vulnerabilities stay in the function for good. Later AWS blocks creating and then updating functions on it: a "
            + "function that cannot be updated cannot receive an emergency fix either.",
        CommonCauses =
        [
            "Functions that work are left alone for years, and runtime upgrades are nobody's job.",
            "Dependencies pin an old language version, so the upgrade needs code changes.",
            "Deprecation notices go to an unread root-account mailbox.",
        ],
        Recommendation = "Move the function to a supported runtime of the same language, test it, and deploy.",
        Remediation = new(
            Cli: """
                # Test the code on the new runtime first: major versions are not always backward compatible.
                aws lambda update-function-configuration --region {region} --function-name {function} --runtime {successor}
                """,
            Terraform: """
                # In the aws_lambda_function resource that manages {function}:
                resource "aws_lambda_function" "{function:id}" {
                  function_name = {function}
                  runtime       = {successor}
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
            Effort: Effort.Medium),
    };

    protected override bool InScope(LambdaFunction function) => function.Runtime is not null && function.PackageType != "Image";

    protected override void Judge(Located<LambdaFunction> function, CheckContext context, Verdict verdict)
    {
        if (LambdaRuntimes.Find(function.Resource.Runtime!) is not { } lifecycle) return;
        var today = DateOnly.FromDateTime(context.Now.UtcDateTime);
        var name = function.Resource.FunctionName;
        string description;
        Severity severity;
        if (lifecycle.BlockUpdate is { } blocked && blocked <= today)
        {
            description = $"Function {name} runs {lifecycle.Id}, deprecated on {lifecycle.Deprecated:yyyy-MM-dd}; AWS has blocked updates to it since {blocked:yyyy-MM-dd}.";
            severity = Severity.High;
        }
        else if (lifecycle.Deprecated <= today)
        {
            description = $"Function {name} runs {lifecycle.Id}, deprecated on {lifecycle.Deprecated:yyyy-MM-dd}.";
            severity = Severity.Medium;
        }
        else if (lifecycle.Deprecated.ToDateTime(TimeOnly.MinValue) - today.ToDateTime(TimeOnly.MinValue) <= Warning)
        {
            description = $"Function {name} runs {lifecycle.Id}, which will be deprecated on {lifecycle.Deprecated:yyyy-MM-dd}.";
            severity = Severity.Low;
        }
        else
        {
            return;
        }
        verdict.Fail(function.Resource.FunctionArn, function.Region, description,
            Slots(function.Resource).With("successor", lifecycle.Successor), severity: severity);
    }
}
