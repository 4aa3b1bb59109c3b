using CloudAudit.Integration.Tests.Moto;
using static CloudAudit.Integration.Tests.Scenarios;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// The CIS monitoring family scanned live (moto) through the real CLI: one correctly monitored account, and
/// accounts each broken in one way. moto confirms every SNS subscription it creates, so a pending subscription is
/// tested through the proxy (<see cref="FaultTests"/>); here the unsubscribed case is a topic with no subscription.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class MonitoringScenarioTests(MotoServer moto)
{
    [MotoFact]
    public void A_trail_with_CIS_v5_filters_alarms_and_a_subscribed_topic_passes_the_whole_family()
    {
        var run = moto.Scan("monitored");

        Assert.Equal(0, run.ExitCode);
        AssertFamily(run, new Dictionary<string, string>());
        Assert.Equal(moto.Accounts["monitored"], run.Report.GetProperty("account_id").GetString());
        Assert.Equal(["us-east-1", "eu-west-1"], run.Report.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
    }

    [MotoFact]
    public void An_abbreviated_IAM_policy_filter_fails_4_4_and_names_the_missed_events()
    {
        var run = moto.Scan("abbreviated-4.4");

        Assert.Equal(1, run.ExitCode);
        AssertFamily(run, new Dictionary<string, string> { ["aws-cw-004"] = "FAIL" });
        var finding = Assert.Single(run.FindingDescriptions("aws-cw-004"));
        Assert.Contains("cis-4-4", finding);
        Assert.Contains("DeleteGroupPolicy", finding);
    }

    [MotoFact]
    public void An_alarm_with_its_actions_disabled_fails_its_control()
    {
        var run = moto.Scan("alarm-actions-disabled");

        AssertFamily(run, new Dictionary<string, string> { ["aws-cw-001"] = "FAIL" });
        Assert.Contains("actions disabled", Assert.Single(run.FindingDescriptions("aws-cw-001")));
    }

    [MotoFact]
    public void Without_CloudWatch_delivery_the_alarm_controls_fold_into_ct_008()
    {
        var run = moto.Scan("no-cloudwatch-delivery");

        var expected = All(AlarmChecks, "FAIL");
        expected["aws-ct-008"] = "FAIL";
        expected["aws-cw-016"] = "NOT_APPLICABLE"; // no log group receives trail events
        AssertFamily(run, expected);
        Assert.Single(run.FindingDescriptions("aws-ct-008"));
        foreach (var id in AlarmChecks)
        {
            Assert.Equal("aws-ct-008", run.Result(id).GetProperty("folded_into").GetString());
            Assert.Empty(run.FindingDescriptions(id));
        }
    }

    [MotoFact]
    public void A_single_region_trail_fails_ct_001_and_leaves_nothing_to_alarm_on()
    {
        var run = moto.Scan("single-region-trail");

        var expected = All(AlarmChecks, "FAIL");
        foreach (var id in new[] { "aws-ct-001", "aws-ct-006", "aws-ct-007", "aws-ct-008" })
            expected[id] = "FAIL";
        AssertFamily(run, expected);
        Assert.Contains("single-region", Assert.Single(run.FindingDescriptions("aws-ct-001")));
        Assert.All(AlarmChecks, id => Assert.Equal("aws-ct-008", run.Result(id).GetProperty("folded_into").GetString()));
    }

    [MotoFact]
    public void A_stopped_trail_fails_ct_001()
    {
        var run = moto.Scan("stopped-trail");

        Assert.Equal("FAIL", run.Status("aws-ct-001"));
        Assert.Contains("not logging", Assert.Single(run.FindingDescriptions("aws-ct-001")));
        Assert.DoesNotContain(AlarmChecks, id => run.Status(id) == "PASS");
    }

    [MotoFact]
    public void Alarms_that_notify_a_topic_nobody_subscribed_to_fail()
    {
        var run = moto.Scan("no-subscriber");

        AssertFamily(run, All(AlarmChecks, "FAIL"));
        Assert.All(AlarmChecks, id => Assert.Contains("no confirmed subscription", Assert.Single(run.FindingDescriptions(id))));
    }

    [MotoFact]
    public void Each_alarm_shape_gives_the_verdict_of_one_event_on_a_live_account()
    {
        var run = moto.Scan("alarm-shapes");

        // The shapes of seed_scenarios.py's ALARM_SHAPES; 4.3 (FILL(m1, 0)) and 4.6 (1 of 3) pass.
        AssertFamily(run, new Dictionary<string, string>
        {
            [CheckOf("4.1")] = "FAIL", // 3 evaluation periods, DatapointsToAlarm defaulting to 3
            [CheckOf("4.2")] = "FAIL", // missing data treated as breaching
            [CheckOf("4.4")] = "NOT_ASSESSED", // RATE(m1)
            [CheckOf("4.5")] = "FAIL", // Average of a metric with default value 0
        });
        Assert.Contains("needs 3 breaching datapoints out of 3", Assert.Single(run.FindingDescriptions(CheckOf("4.1"))));
        Assert.Contains("is in ALARM without any event", Assert.Single(run.FindingDescriptions(CheckOf("4.2"))));
        Assert.Contains("Average over 300 seconds is 0.5", Assert.Single(run.FindingDescriptions("aws-cw-005")));
        var gaps = run.Result("aws-cw-004").GetProperty("gaps").GetRawText();
        Assert.Contains("cannot be decided", gaps);
        Assert.Contains("RATE", gaps);
    }

    /// <summary>Each kind of exclusion, with the controls it breaks (docs/cis-monitoring.md, "Trails that leave events out").</summary>
    public static TheoryData<string, string[]> Exclusions => new()
    {
        { "exclude-kms", ["4.1", "4.3", "4.7"] },
        { "advanced-not-signin", ["4.1", "4.2", "4.3", "4.6"] },
        { "advanced-not-delete", ["4.1", "4.3", "4.4", "4.5", "4.8", "4.9", "4.10", "4.11", "4.12", "4.13", "4.14", "4.15"] },
        { "kms-key-changes-back", ["4.1", "4.3"] },
    };

    [MotoTheory]
    [MemberData(nameof(Exclusions))]
    public void A_trail_whose_selectors_leave_out_a_controls_events_fails_exactly_those_controls(string scenario, string[] controls)
    {
        var run = moto.Scan(scenario);

        var failing = controls.Select(CheckOf).ToList();
        AssertFamily(run, All(failing, "FAIL"));
        var trail = $"arn:aws:cloudtrail:us-east-1:{moto.Accounts[scenario]}:trail/main";
        foreach (var id in failing)
        {
            var finding = Assert.Single(run.Result(id).GetProperty("findings").EnumerateArray());
            Assert.Equal(trail, finding.GetProperty("resource_id").GetString());
            Assert.Contains("trail main does not record", finding.GetProperty("description").GetString());
        }
    }

    /// <summary>The check of a CIS v5.0 4.x control: the reference's IDs put root usage first (aws-cw-001 is 4.3).</summary>
    private static string CheckOf(string control) => control switch
    {
        "4.1" => "aws-cw-002",
        "4.2" => "aws-cw-003",
        "4.3" => "aws-cw-001",
        _ => $"aws-cw-{int.Parse(control[2..], System.Globalization.CultureInfo.InvariantCulture):000}",
    };

    [MotoFact]
    public void All_regions_are_the_regions_ec2_lists_as_enabled()
    {
        var run = CliRunner.Run("scan", "--role-arn", moto.RoleArn("monitored"), "--regions", "all", "--checks", "aws-sh-001", "--format", "json");

        Assert.True(run.ExitCode == 1, run.Stderr);
        var regions = run.Report.GetProperty("regions").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("eu-west-1", regions);
        Assert.Contains("ap-southeast-2", regions);
        Assert.Equal(regions.Order(StringComparer.Ordinal), regions);
    }
}
