using System.Text.Json.Nodes;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Demo;

/// <summary>
/// SNS topics and SQS queues with their policies. Production: the two alarm topics (DemoMonitoring) on the
/// default policy, an order-events topic open to any principal but only for the account's own sources
/// (aws:SourceAccount), an EU topic S3 may publish to for any account's bucket, and an orders queue shared with
/// the logistics partner beside its dead-letter queue. Development: one notification topic, no queues. Security:
/// the alarm topics and a findings topic that EventBridge (for this account only) and the two member accounts publish to.
/// </summary>
internal sealed class DemoMessaging : IDemoPart
{
    /// <summary>The logistics partner's account, outside the organization; it reads the orders queue.</summary>
    public const string LogisticsPartner = "555566667777";

    private sealed record Topic(string Name, int Confirmed = 1, int Pending = 0, string? Statement = null);

    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        Topics(a, new()
        {
            ["us-east-1"] =
            [
                new("security-alerts", Confirmed: 1, Pending: 1),
                new("ops-notifications", Confirmed: 0, Pending: 1),
                new("order-events", Confirmed: 2, Statement: $$"""
                    {"Sid":"AllowAlarmsAndEventBridge","Effect":"Allow","Principal":"*","Action":"sns:Publish","Resource":"arn:aws:sns:us-east-1:{{id}}:order-events",
                     "Condition":{"StringEquals":{"aws:SourceAccount":"{{id}}"} } }
                    """),
            ],
            // Written for S3 event notifications without aws:SourceAccount: any account's bucket may publish.
            ["eu-west-1"] =
            [
                new("s3-upload-events", Statement: $$"""
                    {"Sid":"AllowS3Notifications","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sns:Publish","Resource":"arn:aws:sns:eu-west-1:{{id}}:s3-upload-events"}
                    """),
            ],
        });
        Queues(a, new()
        {
            ["us-east-1"] =
            [
                ("orders-queue", Policy($$"""
                    {"Sid":"LogisticsPartnerReadsOrders","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{LogisticsPartner}}:role/order-intake"},
                     "Action":["sqs:ReceiveMessage","sqs:DeleteMessage","sqs:GetQueueAttributes"],"Resource":"arn:aws:sqs:us-east-1:{{id}}:orders-queue"}
                    """)),
                ("orders-dlq", null),
            ],
        });
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        Topics(a, new() { ["us-east-1"] = [new("dev-notifications")] });
        Queues(a, new());
    }

    public void Security(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        Topics(a, new()
        {
            ["us-east-1"] =
            [
                new("security-alerts", Confirmed: 1, Pending: 1),
                new("ops-notifications", Confirmed: 0, Pending: 1),
                // The member accounts, named one by one, forward their own alerts; ListAccounts shows both are members.
                new("guardduty-findings", Statement: $$"""
                    {"Sid":"EventBridgePublishesFindings","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sns:Publish",
                     "Resource":"arn:aws:sns:us-east-1:{{id}}:guardduty-findings","Condition":{"StringEquals":{"aws:SourceAccount":"{{id}}"} } },
                    {"Sid":"MemberAccountsForwardAlerts","Effect":"Allow",
                     "Principal":{"AWS":["arn:aws:iam::{{DemoAccount.ProductionAccount}}:root","arn:aws:iam::{{DemoAccount.DevelopmentAccount}}:root"]},
                     "Action":"sns:Publish","Resource":"arn:aws:sns:us-east-1:{{id}}:guardduty-findings"}
                    """),
            ],
        });
        Queues(a, new());
    }

    /// <summary>Each region's topics; a topic without its own statement keeps the policy SNS gives every new topic.</summary>
    private static void Topics(DemoRecorder a, Dictionary<string, Topic[]> byRegion)
    {
        foreach (var region in a.Regions)
        {
            var topics = byRegion.GetValueOrDefault(region) ?? [];
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
                        ["Policy"] = topic.Statement is null ? DefaultTopicPolicy(Arn(topic.Name), a.AccountId) : Policy(topic.Statement),
                        ["Owner"] = a.AccountId, ["TopicArn"] = Arn(topic.Name), ["DisplayName"] = "",
                        ["SubscriptionsConfirmed"] = $"{topic.Confirmed}", ["SubscriptionsPending"] = $"{topic.Pending}", ["SubscriptionsDeleted"] = "0",
                        ["EffectiveDeliveryPolicy"] = """{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3}}}""",
                    },
                }.ToJsonString());
        }
    }

    /// <summary>Each region's queues with their policy (null: none).</summary>
    private static void Queues(DemoRecorder a, Dictionary<string, (string Name, string? Policy)[]> byRegion)
    {
        foreach (var region in a.Regions)
        {
            var queues = byRegion.GetValueOrDefault(region) ?? [];
            string Url(string name) => $"https://sqs.{region}.amazonaws.com/{a.AccountId}/{name}";
            // SQS leaves QueueUrls out when the region has no queue.
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
    }

    private static string Policy(string statement) => $$"""{"Version":"2012-10-17","Id":"default","Statement":[{{statement}}]}""";

    /// <summary>The policy SNS gives every new topic: the owner account, through AWS:SourceOwner.</summary>
    private static string DefaultTopicPolicy(string topicArn, string account) => $$$"""
        {"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow","Principal":{"AWS":"*"},
         "Action":["SNS:GetTopicAttributes","SNS:SetTopicAttributes","SNS:AddPermission","SNS:RemovePermission","SNS:DeleteTopic","SNS:Subscribe",
           "SNS:ListSubscriptionsByTopic","SNS:Publish"],"Resource":"{{{topicArn}}}","Condition":{"StringEquals":{"AWS:SourceOwner":"{{{account}}}"} } }]}
        """;
}
