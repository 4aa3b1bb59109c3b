using CloudAudit.Checks.CloudWatch.FilterPatterns;

namespace CloudAudit.Checks.Tests.FilterPatterns;

public class FilterPatternParseTests
{
    [Theory]
    [InlineData("", FilterPatternKind.MatchAll)]
    [InlineData("   \t ", FilterPatternKind.MatchAll)]
    [InlineData(null, FilterPatternKind.MatchAll)]
    [InlineData("ERROR", FilterPatternKind.Terms)]
    [InlineData("\"Failed to process\" -DEBUG", FilterPatternKind.Terms)]
    [InlineData("?ERROR ?WARN", FilterPatternKind.Terms)]
    [InlineData("%AUTHORI[SZ]ED%", FilterPatternKind.Terms)]
    [InlineData("  { $.eventName = CreateTrail }  ", FilterPatternKind.Json)]
    [InlineData("[ip, user, ..., status_code = 4*, bytes]", FilterPatternKind.SpaceDelimited)]
    public void The_first_non_blank_character_decides_the_kind(string? text, FilterPatternKind kind)
    {
        var result = FilterPattern.Parse(text);

        Assert.True(result.Success, result.Error?.ToString());
        Assert.Null(result.Error);
        Assert.Equal(kind, result.Pattern!.Kind);
    }

    [Theory]
    // selectors: dotted paths, array indexes, nested indexes, '-' and '_' in names
    [InlineData("{ $.userIdentity.sessionContext.attributes.mfaAuthenticated = \"true\" }")]
    [InlineData("{ $.objectList[1].id = 2 }")]
    [InlineData("{ $.coordinates[0][1] = 1 }")]
    [InlineData("{ $.detail-type = x && $.user_name = y }")]
    // string values: quoted, unquoted, wildcards, dotted, several words
    [InlineData("{ $.errorCode = \"*UnauthorizedOperation\" }")]
    [InlineData("{ $.errorCode =AccessDenied* }")]
    [InlineData("{ $.sourceIPAddress != 123.123.* }")]
    [InlineData("{ ($.errorMessage = Failed authentication) }")]
    [InlineData("{ $.a = \"with \\\"escaped\\\" quotes\" }")]
    // numbers and every numeric operator
    [InlineData("{ $.latency >= 500 }")]
    [InlineData("{ $.numbers[0] < 10e3 }")]
    [InlineData("{ $.numbers[0] < 10e-3 }")]
    [InlineData("{ $.runtime <= 55.5 }")]
    [InlineData("{ $.delta > -0.25 }")]
    [InlineData("{ $.latency > +1000 }")]
    [InlineData("{ $.code != 500 }")]
    // postfix tests, in any letter case
    [InlineData("{ $.SomeObject IS NULL }")]
    [InlineData("{ $.SomeOtherObject NOT EXISTS }")]
    [InlineData("{ $.ThisFlag IS TRUE }")]
    [InlineData("{ $.ThisFlag is false }")]
    [InlineData("{ $.x Not Exists }")]
    [InlineData("{ $.eventVersion EXISTS }")]
    // regex values
    [InlineData("{ $.message = %bind: address already in use% }")]
    [InlineData("{ $.eventName != %^Describe% }")]
    // combinations, nesting, whitespace anywhere between tokens
    [InlineData("{($.a=1)||($.b=2)&&($.c=3)}")]
    [InlineData("{ ( ( $.a = 1 ) ) }")]
    [InlineData("{\n  $.a = x\n  &&\n  $.b = y\n}")]
    public void Json_grammar_features_parse(string text)
    {
        var result = FilterPattern.Parse(text);

        Assert.True(result.Success, result.Error?.ToString());
    }

    [Theory]
    [InlineData("[ip, user, username, timestamp, request, status_code, bytes]")]
    [InlineData("[..., status_code, bytes]")]
    [InlineData("[ip, user, ..., status_code, bytes]")]
    [InlineData("[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes > 1000]")]
    [InlineData("[ip, user, username, timestamp, request, status_code = 4* && status_code != 403, bytes]")]
    [InlineData("[w1=ERROR || w1=WARN, w2]")]
    [InlineData("[..., request=*.html*, status_code=4*,]")]
    [InlineData("[w1 = %^ERR%, ...]")]
    public void Space_delimited_grammar_features_parse(string text)
    {
        var result = FilterPattern.Parse(text);

        Assert.True(result.Success, result.Error?.ToString());
    }

    [Theory]
    [InlineData("{ $.eventName = CreateTrail", 28, "expected '}'")]
    [InlineData("{ }", 3, "expected a selector")]
    [InlineData("{ eventName = CreateTrail }", 3, "expected a selector")]
    [InlineData("{ $ = x }", 4, "needs a property")]
    [InlineData("{ $. = x }", 5, "expected a property name")]
    [InlineData("{ $.a[x] = 1 }", 7, "array index")]
    [InlineData("{ $.a[1 = 1 }", 8, "expected ']'")]
    [InlineData("{ $.eventName }", 15, "expected an operator")]
    [InlineData("{ $.eventName CreateTrail }", 15, "found 'CreateTrail'")]
    [InlineData("{ $.eventName == CreateTrail }", 15, "'==' is not a CloudWatch operator")]
    [InlineData("{ $.eventName = }", 17, "expected a value")]
    [InlineData("{ $.a = \"open }", 9, "unterminated quoted string")]
    [InlineData("{ $.a = %open }", 9, "unterminated regular expression")]
    [InlineData("{ $.a = %% }", 9, "empty regular expression")]
    [InlineData("{ $.a = %[z-a]% }", 9, "invalid regular expression")]
    [InlineData("{ $.latency > slow }", 15, "is not a number")]
    [InlineData("{ $.latency > \"500\" }", 15, "is not a number")]
    [InlineData("{ $.a IS MISSING }", 10, "expected NULL, TRUE or FALSE")]
    [InlineData("{ $.a NOT THERE }", 11, "expected EXISTS after NOT")]
    [InlineData("{ ($.a = 1 }", 12, "expected ')'")]
    [InlineData("{ $.a = 1 ) }", 11, "expected '}'")]
    [InlineData("{ $.a = 1 && }", 14, "expected a selector")]
    [InlineData("{ $.a = 1 } trailing", 13, "unexpected 't'")]
    [InlineData("{ $.a = b $.c = d }", 15, "unquoted value contains '='")]
    // term and space-delimited patterns
    [InlineData("[ip, user", 10, "expected ']'")]
    [InlineData("[ip, status_code = ]", 20, "expected a value")]
    [InlineData("[ip, status_code = 4* &&]", 25, "expected a field name")]
    [InlineData("[ip, bytes > big]", 14, "is not a number")]
    [InlineData("[ip] extra", 6, "unexpected 'e'")]
    [InlineData("?", 2, "expected a term")]
    [InlineData("ERROR -", 8, "expected a term")]
    [InlineData("\"unterminated", 1, "unterminated quoted string")]
    [InlineData("%[unclosed%", 1, "invalid regular expression")]
    public void Malformed_patterns_report_where_and_why(string text, int column, string reason)
    {
        var result = FilterPattern.Parse(text);

        Assert.False(result.Success);
        Assert.Null(result.Pattern);
        Assert.Equal(column, result.Error!.Column);
        Assert.Contains(reason, result.Error.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"column {column}: ", result.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_pattern_keeps_its_text()
    {
        const string text = "{ $.eventName = \"StopLogging\" }";

        var pattern = FilterPattern.Parse(text).Pattern!;

        Assert.Equal(text, pattern.Text);
        Assert.Equal(text, pattern.ToString());
    }
}
