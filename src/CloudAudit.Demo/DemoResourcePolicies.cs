using System.Text.Json.Nodes;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Demo;

/// <summary>
/// The organization and the SNS, SQS, Secrets Manager and Lambda resource policies. Both accounts belong to
/// organization o-northwind01 and, as members, may not list its accounts. Production: a topic open to any account's
/// S3 bucket, a queue and a secret shared with partner accounts, a thumbnail function behind a public function URL,
/// and well-scoped neighbours of each. An SCP denies Lambda in eu-central-1. Development: little of either.
/// </summary>
internal sealed class DemoResourcePolicies : IDemoPart
{
    public const string OrganizationId = "o-northwind01";
    private const string LogisticsPartner = "555566667777";
    private const string BiVendor = "666677778888";

    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        Organization(a);
        Topics(a, "us-east-1",
            ("security-alerts", DefaultTopicPolicy($"arn:aws:sns:us-east-1:{id}:security-alerts", id)),
            ("order-events", Policy($$"""
                {"Sid":"AllowAlarmsAndEventBridge","Effect":"Allow","Principal":"*","Action":"sns:Publish","Resource":"arn:aws:sns:us-east-1:{{id}}:order-events",
                 "Condition":{"StringEquals":{"aws:SourceAccount":"{{id}}"} } }
                """)));
        Topics(a, "eu-west-1", ("s3-upload-events", Policy($$"""
            {"Sid":"AllowS3Notifications","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sns:Publish","Resource":"arn:aws:sns:eu-west-1:{{id}}:s3-upload-events"}
            """)));
        Topics(a, "eu-central-1");

        Queues(a, "us-east-1",
            ("orders-queue", Policy($$"""
                {"Sid":"LogisticsPartnerReadsOrders","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{LogisticsPartner}}:role/order-intake"},
                 "Action":["sqs:ReceiveMessage","sqs:DeleteMessage","sqs:GetQueueAttributes"],"Resource":"arn:aws:sqs:us-east-1:{{id}}:orders-queue"}
                """)),
            ("orders-dlq", null));
        Queues(a, "eu-west-1");
        Queues(a, "eu-central-1");

        Secrets(a, "us-east-1",
            ("prod/payments/stripe-api-key", Policy($$"""
                {"Sid":"OnlyPaymentsService","Effect":"Deny","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*",
                 "Condition":{"StringNotEquals":{"aws:PrincipalArn":"arn:aws:iam::{{id}}:role/lambda-orders-processor"} } }
                """)),
            ("prod/reporting/warehouse-readonly", Policy($$"""
                {"Sid":"BiVendorDashboards","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{BiVendor}}:root"},
                 "Action":"secretsmanager:GetSecretValue","Resource":"*"}
                """)));
        Secrets(a, "eu-west-1");
        Secrets(a, "eu-central-1");

        Functions(a, "us-east-1", ("orders-processor", $"arn:aws:iam::{id}:role/lambda-orders-processor", Policy($$"""
            {"Sid":"sns-order-events","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"lambda:InvokeFunction",
             "Resource":"arn:aws:lambda:us-east-1:{{id}}:function:orders-processor",
             "Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:sns:us-east-1:{{id}}:order-events"} } }
            """)));
        Functions(a, "eu-west-1", ("image-thumbnailer", $"arn:aws:iam::{id}:role/lambda-orders-processor", Policy($$"""
            {"Sid":"FunctionURLAllowPublicAccess","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl",
             "Resource":"arn:aws:lambda:eu-west-1:{{id}}:function:image-thumbnailer",
             "Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"} } }
            """)));
        a.Failure(ResourcePolicyCalls.ListFunctions, "eu-central-1", null, ErrorKind.AccessDenied, "AccessDeniedException",
            $"User: arn:aws:iam::{id}:user/security-auditor is not authorized to perform: lambda:ListFunctions20150331 with an explicit deny in a service control policy", 403);
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        Organization(a);
        Topics(a, "us-east-1", ("dev-notifications", DefaultTopicPolicy($"arn:aws:sns:us-east-1:{id}:dev-notifications", id)));
        Topics(a, "eu-west-1");
        Topics(a, "eu-central-1");
        foreach (var region in a.Regions)
        {
            Queues(a, region);
            Secrets(a, region, region == "us-east-1" ? [("dev/warehouse/etl-user", null)] : []);
        }
        Functions(a, "us-east-1", ("sandbox-api", $"arn:aws:iam::{id}:role/lambda-admin-exec", Policy($$"""
            {"Sid":"apigateway-invoke","Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"lambda:InvokeFunction",
             "Resource":"arn:aws:lambda:us-east-1:{{id}}:function:sandbox-api",
             "Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:execute-api:us-east-1:{{id}}:k7x2m9p4qa/*/*/sandbox"} } }
            """)));
        Functions(a, "eu-west-1");
        Functions(a, "eu-central-1");
    }

    /// <summary>Both accounts are members; only the management account or a delegated administrator may list accounts.</summary>
    private static void Organization(DemoRecorder a)
    {
        a.Global(ResourcePolicyCalls.DescribeOrganization, $$"""
            {"Organization": {"Id": "{{OrganizationId}}", "Arn": "arn:aws:organizations::{{DemoIamAuthorization.ManagementAccount}}:organization/{{OrganizationId}}",
             "FeatureSet": "ALL", "MasterAccountArn": "arn:aws:organizations::{{DemoIamAuthorization.ManagementAccount}}:account/{{OrganizationId}}/{{DemoIamAuthorization.ManagementAccount}}",
             "MasterAccountId": "{{DemoIamAuthorization.ManagementAccount}}", "MasterAccountEmail": "aws-management@northwind-analytics.example",
             "AvailablePolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]} }
            """);
        a.Failure(ResourcePolicyCalls.ListAccounts, AwsIds.GlobalRegion, null, ErrorKind.AccessDenied, "AccessDeniedException",
            "You don't have permissions to access this resource.", 400);
    }

    private static void Topics(DemoRecorder a, string region, params (string Name, string Policy)[] topics)
    {
        string Arn(string name) => $"arn:aws:sns:{region}:{a.AccountId}:{name}";
        a.Regional(ResourcePolicyCalls.ListTopics, region, new JsonObject
        {
            ["Topics"] = new JsonArray([.. topics.Select(t => (JsonNode)new JsonObject { ["TopicArn"] = Arn(t.Name) })]),
        }.ToJsonString());
        foreach (var topic in topics)
            a.Target(ResourcePolicyCalls.GetTopicAttributes, region, Params(("TopicArn", Arn(topic.Name))), new JsonObject
            {
                ["Attributes"] = new JsonObject
                {
                    ["Policy"] = topic.Policy, ["Owner"] = a.AccountId, ["SubscriptionsPending"] = "0", ["TopicArn"] = Arn(topic.Name),
                    ["EffectiveDeliveryPolicy"] = """{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3}}}""",
                    ["SubscriptionsConfirmed"] = "1", ["DisplayName"] = "", ["SubscriptionsDeleted"] = "0",
                },
            }.ToJsonString());
    }

    private static void Queues(DemoRecorder a, string region, params (string Name, string? Policy)[] queues)
    {
        string Url(string name) => $"https://sqs.{region}.amazonaws.com/{a.AccountId}/{name}";
        a.Regional(ResourcePolicyCalls.ListQueues, region, queues.Length == 0 ? "{}" : new JsonObject
        {
            ["QueueUrls"] = new JsonArray([.. queues.Select(q => (JsonNode)Url(q.Name))]),
        }.ToJsonString());
        foreach (var queue in queues)
        {
            var attributes = new JsonObject { ["QueueArn"] = $"arn:aws:sqs:{region}:{a.AccountId}:{queue.Name}" };
            if (queue.Policy is not null) attributes["Policy"] = queue.Policy;
            a.Target(ResourcePolicyCalls.GetQueueAttributes, region, ResourcePolicyCalls.QueueTarget(region, Url(queue.Name)).Parameters!,
                new JsonObject { ["Attributes"] = attributes }.ToJsonString());
        }
    }

    private static void Secrets(DemoRecorder a, string region, params (string Name, string? Policy)[] secrets)
    {
        // Secrets Manager appends six random characters to a secret's ARN.
        string Arn(string name) => $"arn:aws:secretsmanager:{region}:{a.AccountId}:secret:{name}-{(name.Length * 7919 % 1000000):D6}";
        a.Regional(ResourcePolicyCalls.ListSecrets, region, new JsonObject
        {
            ["SecretList"] = new JsonArray([.. secrets.Select(s => (JsonNode)new JsonObject
            {
                ["ARN"] = Arn(s.Name), ["Name"] = s.Name, ["LastChangedDate"] = "2025-08-19T07:41:02+00:00", ["RotationEnabled"] = false,
            })]),
        }.ToJsonString());
        foreach (var secret in secrets)
        {
            var response = new JsonObject { ["ARN"] = Arn(secret.Name), ["Name"] = secret.Name };
            if (secret.Policy is not null) response["ResourcePolicy"] = secret.Policy;
            a.Target(ResourcePolicyCalls.GetSecretResourcePolicy, region, Params(("SecretId", Arn(secret.Name))), response.ToJsonString());
        }
    }

    private static void Functions(DemoRecorder a, string region, params (string Name, string Role, string? Policy)[] functions)
    {
        a.Regional(ResourcePolicyCalls.ListFunctions, region, new JsonObject
        {
            ["Functions"] = new JsonArray([.. functions.Select(f => (JsonNode)new JsonObject
            {
                ["FunctionName"] = f.Name, ["FunctionArn"] = $"arn:aws:lambda:{region}:{a.AccountId}:function:{f.Name}",
                ["Runtime"] = "python3.12", ["Role"] = f.Role, ["Handler"] = "app.handler", ["CodeSize"] = 48213,
                ["Timeout"] = 30, ["MemorySize"] = 512, ["LastModified"] = "2025-10-02T13:17:45.000+0000", ["PackageType"] = "Zip",
                ["Architectures"] = new JsonArray("arm64"),
            })]),
        }.ToJsonString());
        foreach (var function in functions)
            if (function.Policy is null)
                a.Failure(ResourcePolicyCalls.GetFunctionPolicy, region, Params(("FunctionName", function.Name)), ErrorKind.NotFound,
                    "ResourceNotFoundException", "The resource you requested does not exist.", 404);
            else
                a.Target(ResourcePolicyCalls.GetFunctionPolicy, region, Params(("FunctionName", function.Name)),
                    new JsonObject { ["Policy"] = function.Policy, ["RevisionId"] = "c0ffee42-7e1d-4b8a-9c3f-2a1b0d9e8f76" }.ToJsonString());
    }

    private static string Policy(params string[] statements) =>
        $$"""{"Version":"2012-10-17","Id":"default","Statement":[{{string.Join(",", statements)}}]}""";

    /// <summary>The policy SNS gives every new topic: the owner account, through AWS:SourceOwner.</summary>
    private static string DefaultTopicPolicy(string topicArn, string account) => $$$"""
        {"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow","Principal":{"AWS":"*"},
         "Action":["SNS:GetTopicAttributes","SNS:SetTopicAttributes","SNS:AddPermission","SNS:RemovePermission","SNS:DeleteTopic","SNS:Subscribe",
           "SNS:ListSubscriptionsByTopic","SNS:Publish"],"Resource":"{{{topicArn}}}","Condition":{"StringEquals":{"AWS:SourceOwner":"{{{account}}}"} } }]}
        """;
}
