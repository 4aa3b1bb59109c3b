using System.Text.Json.Nodes;
using CloudAudit.Checks.CloudWatch.FilterPatterns;

namespace CloudAudit.Checks.Tests.FilterPatterns;

public class CisMonitoringControlsTests
{
    private static IEnumerable<CloudTrailSample> AllRequiredEvents => CisMonitoringControls.All.SelectMany(c => c.RequiredEvents);

    [Fact]
    public void The_table_holds_controls_4_1_to_4_15_with_their_names()
    {
        var controls = CisMonitoringControls.All;

        Assert.Equal(Enumerable.Range(1, 15).Select(n => $"4.{n}"), controls.Select(c => c.Id));
        Assert.All(controls, c =>
        {
            Assert.Equal("5." + c.Id[2..], c.V6Id);
            Assert.Equal($"CIS-{c.Id}", c.FilterName);
            Assert.Equal("CIS-4-" + c.Id[2..], c.MetricName);
            Assert.Equal("CISBenchmark", c.MetricNamespace);
            Assert.False(string.IsNullOrWhiteSpace(c.Title));
            Assert.NotEmpty(c.RequiredEvents);
        });
        Assert.Equal("CIS-4-10", CisMonitoringControls.Get("4.10").MetricName);
        Assert.Equal("5.13", CisMonitoringControls.Get("4.13").V6Id);
    }

    [Fact]
    public void Get_finds_a_control_by_number_and_refuses_unknown_numbers()
    {
        Assert.Equal("IAM policy changes", CisMonitoringControls.Get("4.4").Title);
        Assert.Throws<ArgumentException>(() => CisMonitoringControls.Get("4.16"));
        Assert.Throws<ArgumentException>(() => CisMonitoringControls.Get("5.4"));
    }

    [Theory]
    [InlineData("4.4", 16, "iam.amazonaws.com")]
    [InlineData("4.5", 5, "cloudtrail.amazonaws.com")]
    [InlineData("4.7", 2, "kms.amazonaws.com")]
    [InlineData("4.8", 9, "s3.amazonaws.com")]
    [InlineData("4.9", 4, "config.amazonaws.com")]
    [InlineData("4.10", 7, "ec2.amazonaws.com")]
    [InlineData("4.11", 6, "ec2.amazonaws.com")]
    [InlineData("4.12", 6, "ec2.amazonaws.com")]
    [InlineData("4.13", 7, "ec2.amazonaws.com")]
    [InlineData("4.14", 11, "ec2.amazonaws.com")]
    [InlineData("4.15", 18, "organizations.amazonaws.com")]
    public void Event_list_controls_have_one_record_per_listed_event_from_the_right_service(string id, int count, string source)
    {
        var control = CisMonitoringControls.Get(id);

        Assert.Equal(count, control.EventNames.Count);
        Assert.Equal(control.EventNames, control.RequiredEvents.Select(e => e.EventName));
        Assert.Equal(control.EventNames, control.RequiredEvents.Select(e => e.Label));
        Assert.All(control.RequiredEvents, e => Assert.Equal(source, e.EventSource));
        Assert.Equal(count, control.EventNames.Distinct().Count());
    }

    [Fact]
    public void Security_group_changes_include_ModifySecurityGroupRules() =>
        Assert.Contains("ModifySecurityGroupRules", CisMonitoringControls.Get("4.10").EventNames);

    [Fact]
    public void Condition_controls_carry_the_fields_their_patterns_test()
    {
        var unauthorized = CisMonitoringControls.Get("4.1").RequiredEvents.Select(e => e.ToJsonObject()).ToList();
        Assert.Equal(["ec2.amazonaws.com", "s3.amazonaws.com", "kms.amazonaws.com"], unauthorized.Select(r => Text(r, "eventSource")));
        Assert.Equal(["Client.UnauthorizedOperation", "AccessDenied", "AccessDeniedException"], unauthorized.Select(r => Text(r, "errorCode")));
        Assert.All(unauthorized, r => Assert.False(string.IsNullOrEmpty(Text(r, "errorMessage"))));

        var noMfa = Single("4.2");
        Assert.Equal(("signin.amazonaws.com", "ConsoleLogin", "AwsConsoleSignIn"), (Text(noMfa, "eventSource"), Text(noMfa, "eventName"), Text(noMfa, "eventType")));
        Assert.Equal("No", noMfa["additionalEventData"]!["MFAUsed"]!.GetValue<string>());
        Assert.Equal("Success", noMfa["responseElements"]!["ConsoleLogin"]!.GetValue<string>());
        Assert.Equal("IAMUser", noMfa["userIdentity"]!["type"]!.GetValue<string>());

        var rootCall = CisMonitoringControls.Get("4.3").RequiredEvents[0].ToJsonObject();
        Assert.Equal("Root", rootCall["userIdentity"]!["type"]!.GetValue<string>());
        Assert.False(rootCall["userIdentity"]!.AsObject().ContainsKey("invokedBy"));
        Assert.Equal("AwsApiCall", Text(rootCall, "eventType"));

        var failure = Single("4.6");
        Assert.Equal("Failed authentication", Text(failure, "errorMessage"));
        Assert.Equal("Failure", failure["responseElements"]!["ConsoleLogin"]!.GetValue<string>());
        Assert.False(failure.ContainsKey("errorCode"));
    }

    [Fact]
    public void Every_record_is_a_complete_cloudtrail_management_event()
    {
        string[] fields =
        [
            "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress",
            "userAgent", "requestParameters", "responseElements", "eventID", "readOnly", "eventType", "managementEvent",
            "recipientAccountId", "eventCategory",
        ];
        Assert.All(AllRequiredEvents.Concat(CisMonitoringControls.BenignEvents), sample =>
        {
            var record = sample.ToJsonObject();
            Assert.All(fields, field => Assert.True(record.ContainsKey(field), $"{sample.Label} lacks {field}"));
            var identity = record["userIdentity"]!.AsObject();
            Assert.All(new[] { "type", "principalId", "arn", "accountId" }, field => Assert.True(identity.ContainsKey(field), $"{sample.Label} identity lacks {field}"));
            Assert.True(identity.ContainsKey("userName") || identity.ContainsKey("sessionContext") || Text(identity, "type") == "Root", sample.Label);
            Assert.True(DateTimeOffset.TryParse(Text(record, "eventTime"), out _));
            Assert.Equal("111122223333", Text(record, "recipientAccountId"));
            Assert.True(record["managementEvent"]!.GetValue<bool>());
        });
    }

    [Fact]
    public void Benign_events_are_successful_reads_by_users_and_roles()
    {
        var benign = CisMonitoringControls.BenignEvents;

        Assert.Contains(benign, e => e.Label == "ec2:DescribeInstances");
        Assert.Contains(benign, e => e.Label == "s3:ListBuckets");
        Assert.Contains(benign, e => e.Label == "sts:GetCallerIdentity");
        Assert.Contains(benign, e => e.Label == "iam:ListUsers");
        Assert.All(benign, sample =>
        {
            var record = sample.ToJsonObject();
            Assert.False(record.ContainsKey("errorCode"), sample.Label);
            Assert.False(record.ContainsKey("errorMessage"), sample.Label);
            Assert.Contains(Text(record["userIdentity"]!, "type"), new[] { "IAMUser", "AssumedRole" });
            if (sample.EventName != "ConsoleLogin") Assert.True(record["readOnly"]!.GetValue<bool>(), sample.Label);
        });
    }

    [Fact]
    public void Event_ids_and_labels_are_unique()
    {
        var all = AllRequiredEvents.Concat(CisMonitoringControls.BenignEvents).ToList();

        Assert.Equal(all.Count, all.Select(e => Text(e.ToJsonObject(), "eventID")).Distinct().Count());
        Assert.All(CisMonitoringControls.All, c => Assert.Equal(c.RequiredEvents.Count, c.RequiredEvents.Select(e => e.Label).Distinct().Count()));
    }

    [Fact]
    public void A_sample_is_one_line_of_json_and_hands_out_copies()
    {
        var sample = CisMonitoringControls.Get("4.8").RequiredEvents[1];

        var copy = sample.ToJsonObject();
        copy["eventName"] = "Changed";

        Assert.DoesNotContain('\n', sample.Json);
        Assert.StartsWith("{\"eventVersion\":\"1.09\",\"userIdentity\":{", sample.Json, StringComparison.Ordinal);
        Assert.Equal("PutBucketPolicy", Text(sample.ToJsonObject(), "eventName"));
        Assert.Equal("example-data-111122223333", sample.ToJsonObject()["requestParameters"]!["bucketName"]!.GetValue<string>());
    }

    [Fact]
    public void Recommended_patterns_fit_CloudWatchs_1024_character_limit() =>
        Assert.All(CisMonitoringControls.All, c => Assert.InRange(c.RecommendedPattern.Length, 1, 1024));

    [Fact]
    public void Recommended_patterns_quote_every_value_and_never_mix_and_with_or_unparenthesised()
    {
        Assert.All(CisMonitoringControls.All, c =>
        {
            Assert.DoesNotContain("...", c.RecommendedPattern, StringComparison.Ordinal);
            Assert.DoesNotContain("…", c.RecommendedPattern, StringComparison.Ordinal);
            Assert.False(MixesOperatorsAtOneLevel(c.RecommendedPattern), c.Id);
            Assert.DoesNotMatch("=(?! \")", c.RecommendedPattern); // every comparison is "= \"…\"" or "!= \"…\""
        });
        Assert.True(MixesOperatorsAtOneLevel("{ ($.a = 1) || ($.b = 2) && ($.c = 3) }"));
    }

    [Fact]
    public void The_recommended_pattern_for_4_7_reads_as_expected() =>
        Assert.Equal(
            "{ ($.eventSource = \"kms.amazonaws.com\") && (($.eventName = \"DisableKey\") || ($.eventName = \"ScheduleKeyDeletion\")) }",
            CisMonitoringControls.Get("4.7").RecommendedPattern);

    /// <summary>Whether some parenthesis level (outside quotes) holds both && and ||.</summary>
    private static bool MixesOperatorsAtOneLevel(string pattern)
    {
        var levels = new Stack<HashSet<string>>();
        levels.Push([]);
        var quoted = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '"') quoted = !quoted;
            if (quoted) continue;
            if (c is '(' or '{') levels.Push([]);
            else if (c is ')' or '}') levels.Pop();
            else if (i + 1 < pattern.Length && (pattern.Substring(i, 2) is "&&" or "||"))
            {
                levels.Peek().Add(pattern.Substring(i, 2));
                if (levels.Peek().Count > 1) return true;
                i++;
            }
        }
        return false;
    }

    private static JsonObject Single(string controlId) => CisMonitoringControls.Get(controlId).RequiredEvents.Single().ToJsonObject();

    private static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();
}
