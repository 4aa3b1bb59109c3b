using CloudAudit.Inventory.Catalog;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Demo;

/// <summary>
/// Production: a Stripe webhook on nodejs16.x behind an open function URL with the Stripe keys in
/// its environment, a report exporter still on python3.8 (its SMTP password KMS-encrypted, which is
/// fine), well-kept functions elsewhere. Development: a legacy sync job with an AWS access key pasted
/// into its environment, a Slack notifier with a webhook and a database URL carrying a password,
/// and an open playground URL. The security account has no functions. The secret values below are
/// fake and exist only to be detected.
/// </summary>
internal sealed class DemoLambda : IDemoPart
{
    private sealed record Function(string Name, string? Runtime, string Environment, string? UrlAuth = null, string PackageType = "Zip");

    /// <summary>What the console's encryption helpers store: a KMS ciphertext blob, not the password.</summary>
    private const string KmsCiphertext =
        "AQICAHgHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj9AQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2BhYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ent8fX5/gIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmam5w=";

    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        Record(a, clock, new()
        {
            ["us-east-1"] =
            [
                new("northwind-ingest", "python3.13", $$"""
                    {"TABLE_NAME": "northwind-orders", "LOG_LEVEL": "INFO", "POWERTOOLS_SERVICE_NAME": "ingest",
                     "DB_PASSWORD_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:{{id}}:secret:prod/northwind/db-master-Xq3LmT"}
                    """),
                new("northwind-report-export", "python3.8", $$"""
                    {"REPORT_BUCKET": "northwind-reports-{{id}}", "SMTP_HOST": "email-smtp.us-east-1.amazonaws.com", "SMTP_PASSWORD": "{{KmsCiphertext}}"}
                    """),
                new("stripe-webhook", "nodejs16.x", """
                    {"NODE_ENV": "production", "STRIPE_API_KEY": "sk_live_51NwDemoKeyOnly0000000000EXAMPLE",
                     "STRIPE_WEBHOOK_SECRET": "whsec_NorthwindDemoWebhookSigningValue", "ORDERS_QUEUE_URL": "https://sqs.us-east-1.amazonaws.com/210987654321/orders"}
                    """, UrlAuth: "NONE"),
                new("partner-api", "java21", """{"JAVA_TOOL_OPTIONS": "-XX:+TieredCompilation -XX:TieredStopAtLevel=1", "PARTNER_TABLE": "northwind-partners"}""", UrlAuth: "AWS_IAM"),
            ],
            ["eu-west-1"] =
            [
                new("northwind-eu-ingest", "python3.13", """{"TABLE_NAME": "northwind-eu-orders", "LOG_LEVEL": "INFO"}"""),
                new("gdpr-export", "nodejs22.x", """{"EXPORT_BUCKET": "northwind-gdpr-exports", "TOKEN_TTL_SECONDS": "900"}"""),
            ],
            ["eu-central-1"] = [new("image-resizer", null, """{"OUTPUT_PREFIX": "resized/"}""", PackageType: "Image")],
        });
    }

    public void Development(DemoRecorder a, DemoClock clock) => Record(a, clock, new()
    {
        ["us-east-1"] =
        [
            new("legacy-s3-sync", "python3.8", """
                {"UPLOAD_BUCKET": "northwind-dev-uploads", "LEGACY_UPLOAD_KEY": "AKIA4NORTHWINDDEV7QX",
                 "LEGACY_UPLOAD_SECRET": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYNWDEXAMPLE"}
                """),
            new("slack-notifier", "nodejs16.x", """
                {"SLACK_WEBHOOK_URL": "https://hooks.slack.com/services/T0NWDEMO01/B0NWDEMO02/NorthwindDemoOnlyValue01",
                 "DATABASE_URL": "postgres://app:Dev-Passw0rd-2024@dev-db.cluster-cq1example.us-east-1.rds.amazonaws.com:5432/app"}
                """),
            new("dev-playground", "python3.12", """{"STAGE": "dev"}""", UrlAuth: "NONE"),
        ],
    });

    /// <summary>The security account runs no functions.</summary>
    public void Security(DemoRecorder a, DemoClock clock) => Record(a, clock, new());

    private static void Record(DemoRecorder a, DemoClock clock, Dictionary<string, Function[]> byRegion)
    {
        foreach (var region in a.Regions)
        {
            var functions = byRegion.GetValueOrDefault(region) ?? [];
            a.Regional(LambdaCalls.ListFunctions, region,
                $$"""{"Functions": [{{string.Join(",", functions.Select(f => Json(a.AccountId, region, f, clock)))}}]}""");
            foreach (var f in functions)
            {
                var arn = $"arn:aws:lambda:{region}:{a.AccountId}:function:{f.Name}";
                var url = f.UrlAuth is null ? "" : $$"""
                    {"FunctionUrl": "https://{{UrlId(f.Name)}}.lambda-url.{{region}}.on.aws/", "FunctionArn": "{{arn}}",
                     "AuthType": "{{f.UrlAuth}}", "CreationTime": "{{clock.DaysAgo(300)}}", "LastModifiedTime": "{{clock.DaysAgo(300)}}", "InvokeMode": "BUFFERED"}
                    """;
                a.Target(LambdaCalls.ListFunctionUrlConfigs, region, Params(("FunctionName", f.Name)), $$"""{"FunctionUrlConfigs": [{{url}}]}""");
            }
        }
    }

    private static string Json(string account, string region, Function f, DemoClock clock)
    {
        var runtime = f.Runtime is null ? "" : $"\"Runtime\": \"{f.Runtime}\", \"Handler\": \"index.handler\", ";
        return $$"""
            {"FunctionName": "{{f.Name}}", "FunctionArn": "arn:aws:lambda:{{region}}:{{account}}:function:{{f.Name}}", {{runtime}}
             "Role": "arn:aws:iam::{{account}}:role/{{f.Name}}-role", "CodeSize": 5242880, "Timeout": 30, "MemorySize": 512,
             "LastModified": "{{clock.DaysAgo(200)}}", "Version": "$LATEST", "PackageType": "{{f.PackageType}}",
             "Environment": {"Variables": {{f.Environment}}}, "Architectures": ["arm64"], "State": "Active"}
            """;
    }

    private static string UrlId(string name) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..32];
}
