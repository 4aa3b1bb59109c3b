using System.Text.Json.Nodes;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Demo;

/// <summary>
/// Production: a Stripe webhook on nodejs16.x behind an open function URL (and so a public permission) with
/// the Stripe keys in its environment, a report exporter still on python3.8 (its SMTP password
/// KMS-encrypted, which is fine), a partner API whose IAM-authenticated URL the logistics partner's account
/// may call, and well-kept functions elsewhere, invoked by SNS, EventBridge and API Gateway for this account
/// only. Development: a legacy sync job with an AWS access key pasted into its environment that S3 may invoke
/// for any account's bucket, a Slack notifier with a webhook and a database URL carrying a password, an open
/// playground URL that anyone may also invoke directly, and a sandbox API running as an administrator role.
/// Production and security each run the rotation function of their rotated secrets (DemoSecretsManager),
/// which Secrets Manager may invoke for the account alone. The secret values below are fake and exist only to be detected.
/// </summary>
internal sealed class DemoLambda : IDemoPart
{
    /// <summary>One function's answers. Role null: a role of its own ("{name}-role") with basic execution only.</summary>
    private sealed record Function(string Name, string? Runtime, string Environment, string? UrlAuth = null, string PackageType = "Zip",
        string? Role = null, Permission[]? Permissions = null)
    {
        public string RoleName => Role ?? $"{Name}-role";
    }

    /// <summary>One statement of the function's resource policy, as AddPermission writes it; Principal and Condition are JSON.</summary>
    private sealed record Permission(string Sid, string Principal, string Action = "lambda:InvokeFunction", string? Condition = null)
    {
        public static Permission FromService(string sid, string service, string sourceArn) =>
            new(sid, $$"""{"Service":"{{service}}"}""", Condition: $$"""{"ArnLike":{"AWS:SourceArn":"{{sourceArn}}"} }""");

        /// <summary>Secrets Manager may invoke the function to rotate the account's secrets (--source-account).</summary>
        public static Permission SecretRotation(string account) =>
            new("secretsmanager-rotation", """{"Service":"secretsmanager.amazonaws.com"}""", Condition: $$"""{"StringEquals":{"AWS:SourceAccount":"{{account}}"} }""");

        /// <summary>What Lambda adds when a function URL is created with auth type NONE.</summary>
        public static readonly Permission PublicUrl = new("FunctionURLAllowPublicAccess", "\"*\"", "lambda:InvokeFunctionUrl",
            """{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"} }""");

        /// <summary>The second statement Lambda adds for a URL created from October 2025 on: InvokeFunction, only through the URL.</summary>
        public static readonly Permission PublicUrlInvoke = new("FunctionURLInvokeAllowPublicAccess", "\"*\"", "lambda:InvokeFunction",
            """{"Bool":{"lambda:InvokedViaFunctionUrl":"true"} }""");

        public string Json(string functionArn) => $$"""
            {"Sid":"{{Sid}}","Effect":"Allow","Principal":{{Principal}},"Action":"{{Action}}","Resource":"{{functionArn}}"{{(Condition is null ? "" : $",\"Condition\":{Condition}")}}}
            """;
    }

    /// <summary>What the console's encryption helpers store: a KMS ciphertext blob, not the password.</summary>
    private const string KmsCiphertext =
        "AQICAHgHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj9AQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2BhYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ent8fX5/gIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmam5w=";

    public void Production(DemoRecorder a, DemoClock clock) => Record(a, clock, FunctionsOf(a.AccountId));

    public void Development(DemoRecorder a, DemoClock clock) => Record(a, clock, FunctionsOf(a.AccountId));

    public void Security(DemoRecorder a, DemoClock clock) => Record(a, clock, FunctionsOf(a.AccountId));

    /// <summary>The roles the account's functions run as that exist for one function each (DemoIamAuthorization creates them).</summary>
    public static IEnumerable<string> OwnExecutionRoles(string account) =>
        FunctionsOf(account).Values.SelectMany(functions => functions).Where(f => f.Role is null).Select(f => f.RoleName);

    private static Dictionary<string, Function[]> FunctionsOf(string account) => account switch
    {
        DemoAccount.ProductionAccount => Production(account),
        DemoAccount.DevelopmentAccount => Development(account),
        DemoAccount.SecurityAccount => new() { ["us-east-1"] = [RotationFunction(DemoSecretsManager.SiemTokenRotation, account)] },
        _ => [],
    };

    private static Function RotationFunction(string name, string account) =>
        new(name, "python3.12", """{"SECRETS_MANAGER_ENDPOINT": "https://secretsmanager.us-east-1.amazonaws.com"}""", Permissions: [Permission.SecretRotation(account)]);

    private static Dictionary<string, Function[]> Production(string id) => new()
    {
        ["us-east-1"] =
        [
            new("northwind-ingest", "python3.13", $$"""
                {"TABLE_NAME": "northwind-orders", "LOG_LEVEL": "INFO", "POWERTOOLS_SERVICE_NAME": "ingest",
                 "DB_PASSWORD_SECRET_ARN": "{{DemoSecretsManager.SecretArn(id, "us-east-1", "prod/northwind/db-master")}}"}
                """),
            new("orders-processor", "python3.12", $$"""
                {"ORDERS_TABLE": "orders", "LOG_LEVEL": "INFO", "STRIPE_SECRET_ARN": "{{DemoSecretsManager.SecretArn(id, "us-east-1", DemoSecretsManager.StripeKey)}}"}
                """, Role: DemoIamAuthorization.OrdersProcessorRole,
                Permissions: [Permission.FromService("sns-order-events", "sns.amazonaws.com", $"arn:aws:sns:us-east-1:{id}:order-events")]),
            new("northwind-report-export", "python3.8", $$"""
                {"REPORT_BUCKET": "northwind-reports-{{id}}", "SMTP_HOST": "email-smtp.us-east-1.amazonaws.com", "SMTP_PASSWORD": "{{KmsCiphertext}}"}
                """, Permissions: [Permission.FromService("nightly-export", "events.amazonaws.com", $"arn:aws:events:us-east-1:{id}:rule/nightly-report-export")]),
            new("stripe-webhook", "nodejs16.x", $$"""
                {"NODE_ENV": "production", "STRIPE_API_KEY": "sk_live_51NwDemoKeyOnly0000000000EXAMPLE",
                 "STRIPE_WEBHOOK_SECRET": "whsec_NorthwindDemoWebhookSigningValue", "ORDERS_QUEUE_URL": "https://sqs.us-east-1.amazonaws.com/{{id}}/orders-queue"}
                """, UrlAuth: "NONE"),
            RotationFunction(DemoSecretsManager.DatabaseRotation, id),
            new("partner-api", "java21", """{"JAVA_TOOL_OPTIONS": "-XX:+TieredCompilation -XX:TieredStopAtLevel=1", "PARTNER_TABLE": "northwind-partners"}""",
                UrlAuth: "AWS_IAM", Permissions:
                [
                    new("logistics-partner", $$"""{"AWS":"arn:aws:iam::{{DemoMessaging.LogisticsPartner}}:root"}""", "lambda:InvokeFunctionUrl",
                        """{"StringEquals":{"lambda:FunctionUrlAuthType":"AWS_IAM"} }"""),
                ]),
        ],
        ["eu-west-1"] =
        [
            new("northwind-eu-ingest", "python3.13", """{"TABLE_NAME": "northwind-eu-orders", "LOG_LEVEL": "INFO"}"""),
            new("gdpr-export", "nodejs22.x", """{"EXPORT_BUCKET": "northwind-gdpr-exports", "TOKEN_TTL_SECONDS": "900"}""",
                Permissions: [Permission.FromService("apigateway-exports", "apigateway.amazonaws.com", $"arn:aws:execute-api:eu-west-1:{id}:q3w8e1r6t2/*/POST/exports")]),
        ],
        ["eu-central-1"] = [new("image-resizer", null, """{"OUTPUT_PREFIX": "resized/"}""", PackageType: "Image")],
    };

    private static Dictionary<string, Function[]> Development(string id) => new()
    {
        ["us-east-1"] =
        [
            // Added for S3 notifications without --source-account: any account's bucket may invoke it.
            new("legacy-s3-sync", "python3.8", """
                {"UPLOAD_BUCKET": "northwind-dev-uploads", "LEGACY_UPLOAD_KEY": "AKIA4NORTHWINDDEV7QX",
                 "LEGACY_UPLOAD_SECRET": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYNWDEXAMPLE"}
                """, Permissions: [new("s3-uploads", """{"Service":"s3.amazonaws.com"}""")]),
            new("slack-notifier", "nodejs16.x", """
                {"SLACK_WEBHOOK_URL": "https://hooks.slack.com/services/T0NWDEMO01/B0NWDEMO02/NorthwindDemoOnlyValue01",
                 "DATABASE_URL": "postgres://app:Dev-Passw0rd-2024@dev-db.cluster-cq1example.us-east-1.rds.amazonaws.com:5432/app"}
                """, Permissions: [Permission.FromService("sns-dev-notifications", "sns.amazonaws.com", $"arn:aws:sns:us-east-1:{id}:dev-notifications")]),
            // Opened to everyone while testing, beside its open URL.
            new("dev-playground", "python3.12", """{"STAGE": "dev"}""", UrlAuth: "NONE", Permissions: [new("anyone-invokes", "\"*\"")]),
            // A public URL on a function whose role is an administrator: anyone on the internet runs code as admin.
            new("sandbox-api", "python3.12", """{"STAGE": "sandbox", "LOG_LEVEL": "DEBUG"}""", UrlAuth: "NONE", Role: DemoIamAuthorization.AdminLambdaRole,
                Permissions: [Permission.FromService("apigateway-invoke", "apigateway.amazonaws.com", $"arn:aws:execute-api:us-east-1:{id}:k7x2m9p4qa/*/*/sandbox")]),
        ],
    };

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
                RecordPolicy(a, region, f, arn);
            }
        }
    }

    /// <summary>The function's resource policy; Lambda answers "no policy" with ResourceNotFoundException.</summary>
    private static void RecordPolicy(DemoRecorder a, string region, Function f, string arn)
    {
        var permissions = (f.Permissions ?? []).ToList();
        if (f.UrlAuth == "NONE") permissions.InsertRange(0, [Permission.PublicUrl, Permission.PublicUrlInvoke]);
        var target = Params(("FunctionName", f.Name));
        if (permissions.Count == 0)
            a.Failure(ResourcePolicyCalls.GetFunctionPolicy, region, target, ErrorKind.NotFound, "ResourceNotFoundException",
                "The resource you requested does not exist.", 404);
        else
            a.Target(ResourcePolicyCalls.GetFunctionPolicy, region, target, new JsonObject
            {
                ["Policy"] = $$"""{"Version":"2012-10-17","Id":"default","Statement":[{{string.Join(",", permissions.Select(p => p.Json(arn)))}}]}""",
                ["RevisionId"] = UrlId(arn)[..8] + "-7e1d-4b8a-9c3f-2a1b0d9e8f76",
            }.ToJsonString());
    }

    private static string Json(string account, string region, Function f, DemoClock clock)
    {
        var runtime = f.Runtime is null ? "" : $"\"Runtime\": \"{f.Runtime}\", \"Handler\": \"index.handler\", ";
        return $$"""
            {"FunctionName": "{{f.Name}}", "FunctionArn": "arn:aws:lambda:{{region}}:{{account}}:function:{{f.Name}}", {{runtime}}
             "Role": "arn:aws:iam::{{account}}:role/{{f.RoleName}}", "CodeSize": 5242880, "Timeout": 30, "MemorySize": 512,
             "LastModified": "{{clock.DaysAgo(200)}}", "Version": "$LATEST", "PackageType": "{{f.PackageType}}",
             "Environment": {"Variables": {{f.Environment}}}, "Architectures": ["arm64"], "State": "Active"}
            """;
    }

    private static string UrlId(string name) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..32];
}
