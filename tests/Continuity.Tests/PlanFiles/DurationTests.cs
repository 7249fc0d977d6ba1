using Continuity.PlanFiles;

namespace Continuity.Tests.PlanFiles;

public sealed class DurationTests
{
    [Theory]
    [InlineData("90m", 90)]
    [InlineData("4h", 240)]
    [InlineData("2d", 2880)]
    [InlineData("1w", 10080)]
    [InlineData("PT4H", 240)]
    [InlineData("P1DT12H", 2160)]
    [InlineData("PT90M", 90)]
    [InlineData("P2W", 20160)]
    [InlineData("1h45m", 105)]
    [InlineData("1d12h", 2160)]
    [InlineData("0m", 0)]
    [InlineData("0h", 0)]
    [InlineData("PT0M", 0)]
    public void Accepts_short_and_iso_forms(string text, int minutes)
    {
        Assert.True(Duration.TryParse(text, out var duration, out var error), error);
        Assert.Equal(minutes, duration.Minutes);
    }

    [Theory]
    [InlineData("-5h", "negative")]
    [InlineData("99999w", "ten years")]
    [InlineData("4 hours", "not a duration")]
    [InlineData("P1Y", "years or months")]
    [InlineData("P6M", "years or months")]
    [InlineData("PT30S", "whole number of minutes")]
    [InlineData("99999999999999999999w", "ten years")]
    [InlineData("45m1h", "largest unit first")]
    public void Rejects_impossible_values_with_a_reason(string text, string reason)
    {
        Assert.False(Duration.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(90, "90m")]
    [InlineData(240, "4h")]
    [InlineData(2880, "2d")]
    [InlineData(20160, "2w")]
    [InlineData(1500, "25h")]
    [InlineData(0, "0m")]
    public void Prints_the_largest_exact_unit(int minutes, string text) =>
        Assert.Equal(text, new Duration(minutes).ToString());
}
