namespace Continuity.Tests.Browser;

public sealed class TotpTests
{
    // RFC 6238, appendix B: the SHA-1 key "12345678901234567890", cut to 6 digits.
    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    public void The_code_is_the_one_of_RFC_6238(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
}
