using CloudAudit.Checks.CloudWatch.FilterPatterns;

namespace CloudAudit.Checks.Tests.FilterPatterns;

public class CisPatternAssessmentTests
{
    private static PatternAssessment Assess(string? pattern, string controlId) =>
        CisMonitoringControls.Assess(pattern, CisMonitoringControls.Get(controlId));

    private static void AssertPasses(PatternAssessment assessment) =>
        Assert.True(assessment.Passes, $"{assessment.Control.Id}: {assessment.Explanation}\n{assessment.Pattern}");

    private static IEnumerable<CisMonitoringControl> ListControls => CisMonitoringControls.All.Where(c => c.EventNames.Count > 0);

    /// <summary>A pattern in CIS's own shape: the event names ORed, optionally limited to one event source.</summary>
    private static string EventListPattern(CisMonitoringControl control, IEnumerable<string> names, string join = " || ")
    {
        var list = string.Join(join, names.Select(name => $"($.eventName = {name})"));
        return control.EventSource is null ? $"{{ {list} }}" : $"{{ ($.eventSource = {control.EventSource}) && ({list}) }}";
    }

    [Theory]
    [MemberData(nameof(CisPatternTexts.V5Audit), MemberType = typeof(CisPatternTexts))]
    public void Cis_v5_audit_patterns_pass(string controlId, string pattern) => AssertPasses(Assess(pattern, controlId));

    [Theory]
    [MemberData(nameof(CisPatternTexts.V3Passing), MemberType = typeof(CisPatternTexts))]
    public void Cis_v3_patterns_with_quoted_literals_pass(string controlId, string pattern) => AssertPasses(Assess(pattern, controlId));

    [Fact]
    public void Cis_v3_unauthorized_calls_pattern_fails_because_its_or_ed_inequalities_match_every_call()
    {
        var assessment = Assess(CisPatternTexts.V3UnauthorizedCalls, "4.1");

        Assert.False(assessment.Passes);
        Assert.Empty(assessment.MissedEvents);
        Assert.Contains("ec2:DescribeInstances", assessment.MatchedBenignEvents);
        Assert.Equal(CisMonitoringControls.BenignEvents.Count, assessment.MatchedBenignEvents.Count);
        Assert.StartsWith("matches ordinary API calls such as ec2:DescribeInstances", assessment.Explanation, StringComparison.Ordinal);
        Assert.EndsWith("so it is not a monitor", assessment.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Cis_v3_security_group_pattern_fails_for_lack_of_ModifySecurityGroupRules()
    {
        var assessment = Assess(CisPatternTexts.V3SecurityGroupChanges, "4.10");

        Assert.False(assessment.Passes);
        Assert.Equal(["ModifySecurityGroupRules"], assessment.MissedEvents);
        Assert.Equal("misses ModifySecurityGroupRules", assessment.Explanation);
    }

    [Fact]
    public void Cis_v1_2_unauthorized_calls_pattern_passes() => AssertPasses(Assess(CisPatternTexts.V12UnauthorizedCalls, "4.1"));

    [Theory]
    // reordered terms
    [InlineData("4.5", "{ ($.eventName = StopLogging) || ($.eventName = StartLogging) || ($.eventName = DeleteTrail) || ($.eventName = UpdateTrail) || ($.eventName = CreateTrail) }")]
    [InlineData("4.7", "{ (($.eventName = ScheduleKeyDeletion) || ($.eventName = DisableKey)) && ($.eventSource = kms.amazonaws.com) }")]
    [InlineData("4.3", "{ $.eventType != AwsServiceEvent && $.userIdentity.invokedBy NOT EXISTS && $.userIdentity.type = Root }")]
    // no spaces, many spaces, line breaks
    [InlineData("4.6", "{($.eventName=ConsoleLogin)&&($.errorMessage=\"Failed authentication\")}")]
    [InlineData("4.6", "{    (  $.eventName   =   ConsoleLogin  )\n   &&\t(  $.errorMessage =  \"Failed authentication\" )   }")]
    // quoted and unquoted values mixed
    [InlineData("4.7", "{ ($.eventSource = \"kms.amazonaws.com\") && (($.eventName = DisableKey) || ($.eventName = \"ScheduleKeyDeletion\")) }")]
    // extra parentheses, and none
    [InlineData("4.5", "{ ((($.eventName = CreateTrail))) || (($.eventName = UpdateTrail) || ($.eventName = DeleteTrail)) || ($.eventName = StartLogging || $.eventName = StopLogging) }")]
    [InlineData("4.12", "{ $.eventName = CreateCustomerGateway || $.eventName = DeleteCustomerGateway || $.eventName = AttachInternetGateway || $.eventName = CreateInternetGateway || $.eventName = DeleteInternetGateway || $.eventName = DetachInternetGateway }")]
    // supersets: more event names, or wildcards that cover the list
    [InlineData("4.5", "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) || ($.eventName = PutEventSelectors) || ($.eventName = DeleteEventDataStore) }")]
    [InlineData("4.7", "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion) || ($.eventName = PutKeyPolicy)) }")]
    [InlineData("4.1", "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") || ($.errorCode = \"*Forbidden*\") }")]
    [InlineData("4.3", "{ $.userIdentity.type = Root }")]
    [InlineData("4.11", "{ $.eventName = *NetworkAcl* }")]
    public void Equivalent_and_superset_variants_pass(string controlId, string pattern) => AssertPasses(Assess(pattern, controlId));

    [Fact]
    public void Every_recommended_pattern_passes_its_own_control()
    {
        Assert.All(CisMonitoringControls.All, control =>
        {
            var assessment = CisMonitoringControls.Assess(control.RecommendedPattern, control);
            AssertPasses(assessment);
            Assert.StartsWith("matches ", assessment.Explanation, StringComparison.Ordinal);
            Assert.Contains($"CIS {control.Id}", assessment.Explanation, StringComparison.Ordinal);
        });
    }

    public static TheoryData<string, string> EveryRequiredEvent()
    {
        var data = new TheoryData<string, string>();
        foreach (var control in CisMonitoringControls.All)
            foreach (var sample in control.RequiredEvents)
                data.Add(control.Id, sample.Label);
        return data;
    }

    public static TheoryData<string, string> EveryListedEvent()
    {
        var data = new TheoryData<string, string>();
        foreach (var control in ListControls)
            foreach (var name in control.EventNames)
                data.Add(control.Id, name);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryListedEvent))]
    public void Dropping_one_event_name_from_the_list_fails_and_names_it(string controlId, string eventName)
    {
        var control = CisMonitoringControls.Get(controlId);
        var full = CisMonitoringControls.Assess(EventListPattern(control, control.EventNames), control);
        var pattern = EventListPattern(control, control.EventNames.Where(name => name != eventName));

        var assessment = CisMonitoringControls.Assess(pattern, control);

        AssertPasses(full);
        Assert.False(assessment.Passes);
        Assert.Equal([eventName], assessment.MissedEvents);
        Assert.Equal($"misses {eventName}", assessment.Explanation);
    }

    [Theory]
    [MemberData(nameof(EveryRequiredEvent))]
    public void A_recommended_pattern_that_excludes_one_required_event_fails_and_names_it(string controlId, string label)
    {
        var control = CisMonitoringControls.Get(controlId);
        var excluded = control.RequiredEvents.Single(e => e.Label == label);
        var eventId = excluded.ToJsonObject()["eventID"]!.GetValue<string>();
        var inner = control.RecommendedPattern.Trim()[1..^1];

        var assessment = CisMonitoringControls.Assess($"{{ ({inner}) && ($.eventID != \"{eventId}\") }}", control);

        Assert.Equal([label], assessment.MissedEvents);
        Assert.Empty(assessment.MatchedBenignEvents);
        Assert.Equal($"misses {label}", assessment.Explanation);
    }

    [Theory]
    [InlineData("{ ($.errorCode = \"AccessDenied*\") && ($.sourceIPAddress != delivery.logs.amazonaws.com) && ($.eventName != HeadBucket) }",
        "RunInstances (Client.UnauthorizedOperation)")]
    [InlineData("{ ($.errorCode = \"*UnauthorizedOperation\") }", "GetBucketPolicy (AccessDenied), Decrypt (AccessDeniedException)")]
    [InlineData("{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied\") }", "Decrypt (AccessDeniedException)")]
    public void Unauthorized_call_patterns_missing_an_error_code_fail(string pattern, string missed) =>
        Assert.Equal($"misses {missed}", Assess(pattern, "4.1").Explanation);

    [Theory]
    [InlineData("4.2", "{ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != Yes) && ($.responseElements.ConsoleLogin = Failure) }", "ConsoleLogin without MFA")]
    [InlineData("4.3", "{ $.userIdentity.type = Root && $.eventType = AwsApiCall }", "ConsoleLogin by root")]
    [InlineData("4.3", "{ $.userIdentity.type = \"root\" }", "CreateAccessKey by root, ConsoleLogin by root")]
    [InlineData("4.6", "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed Authentication\") }", "ConsoleLogin failure")]
    [InlineData("4.6", "{ ($.eventName = ConsoleLogin) && ($.errorCode = \"Failed authentication\") }", "ConsoleLogin failure")]
    public void Condition_patterns_that_miss_their_event_fail(string controlId, string pattern, string missed) =>
        Assert.Equal($"misses {missed}", Assess(pattern, controlId).Explanation);

    public static TheoryData<string> ListControlIds() => [.. ListControls.Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(ListControlIds))]
    public void And_joined_event_lists_match_nothing(string controlId)
    {
        var control = CisMonitoringControls.Get(controlId);

        var assessment = CisMonitoringControls.Assess(EventListPattern(control, control.EventNames, join: " && "), control);

        Assert.False(assessment.Passes);
        Assert.Equal(control.RequiredEvents.Select(e => e.Label), assessment.MissedEvents);
        Assert.StartsWith($"misses {control.EventNames[0]}, ", assessment.Explanation, StringComparison.Ordinal);
        if (control.EventNames.Count > 8)
            Assert.EndsWith($" and {control.EventNames.Count - 8} more", assessment.Explanation, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> MatchEverythingPatterns()
    {
        string[] patterns =
        [
            "", "   ", "{ $.eventName = * }", "{ $.eventVersion EXISTS }", "{ $.eventVersion = \"*\" }",
            "{ $.errorCode NOT EXISTS || $.errorCode = * }", "{ $.eventName != NoSuchCall }", "eventName",
            "{ $.eventName = %.% }",
        ];
        var data = new TheoryData<string, string>();
        foreach (var control in CisMonitoringControls.All)
            foreach (var pattern in patterns)
                data.Add(control.Id, pattern);
        return data;
    }

    [Theory]
    [MemberData(nameof(MatchEverythingPatterns))]
    public void Patterns_matching_everything_are_not_monitors(string controlId, string pattern)
    {
        var assessment = Assess(pattern, controlId);

        Assert.False(assessment.Passes);
        Assert.Empty(assessment.MissedEvents);
        Assert.Equal(CisMonitoringControls.BenignEvents.Select(e => e.Label), assessment.MatchedBenignEvents);
        Assert.Equal(
            "matches ordinary API calls such as ec2:DescribeInstances, s3:ListBuckets, sts:GetCallerIdentity, iam:ListUsers, "
            + "ec2:DescribeSecurityGroups, kms:ListAliases, cloudtrail:DescribeTrails, config:DescribeConfigurationRecorders "
            + "and 2 more, so it is not a monitor",
            assessment.Explanation);
    }

    [Theory]
    [InlineData("4.4", "{ $.eventSource = iam.amazonaws.com }", "iam:ListUsers")]
    [InlineData("4.7", "{ $.eventSource = kms.amazonaws.com }", "kms:ListAliases")]
    [InlineData("4.2", "{ $.eventName = ConsoleLogin }", "signin:ConsoleLogin with MFA")]
    [InlineData("4.6", "ConsoleLogin", "signin:ConsoleLogin with MFA")]
    [InlineData("4.15", "{ $.eventSource = organizations.amazonaws.com }", "organizations:DescribeOrganization")]
    public void Patterns_that_catch_a_whole_service_are_not_monitors(string controlId, string pattern, string benign)
    {
        var assessment = Assess(pattern, controlId);

        Assert.False(assessment.Passes);
        Assert.Empty(assessment.MissedEvents);
        Assert.Equal([benign], assessment.MatchedBenignEvents);
    }

    [Fact]
    public void A_pattern_can_both_miss_events_and_match_ordinary_calls()
    {
        var assessment = Assess("{ $.eventName = DeleteTrail || $.eventName = DescribeInstances }", "4.5");

        Assert.Equal("misses CreateTrail, UpdateTrail, StartLogging, StopLogging; and it matches ordinary API calls such as "
            + "ec2:DescribeInstances, so it is not a monitor", assessment.Explanation);
    }

    [Fact]
    public void A_pattern_that_does_not_parse_cannot_pass()
    {
        var assessment = Assess("{ ($.eventName = CreateTrail) || ", "4.5");

        Assert.False(assessment.Passes);
        Assert.NotNull(assessment.ParseError);
        Assert.Empty(assessment.MissedEvents);
        Assert.Equal("pattern does not parse at column 34: expected a selector such as $.eventName, found the end of the pattern",
            assessment.Explanation);
    }

    [Fact]
    public void Space_delimited_patterns_are_assessed_and_miss_json_records()
    {
        var assessment = Assess("[version, identity, time, source, name = CreateTrail, ...]", "4.5");

        Assert.Null(assessment.ParseError);
        Assert.Equal(5, assessment.MissedEvents.Count);
    }
}
