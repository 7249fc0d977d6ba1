using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Continuity.Accounts;

/// <summary>Authenticator app codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, one step of
/// drift either way) on the app's clock. Identity's own authenticator provider reads the system
/// clock; this one reads the injected <see cref="TimeProvider"/>.</summary>
public sealed class AuthenticatorCodes(TimeProvider clock) : IUserTwoFactorTokenProvider<ContinuityUser>
{
    public const string ProviderName = "ContinuityAuthenticator";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ContinuityUser> manager, ContinuityUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    // The code comes from the user's app, never from the server.
    public Task<string> GenerateAsync(string purpose, UserManager<ContinuityUser> manager, ContinuityUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ContinuityUser> manager, ContinuityUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = token.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(key) || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }
        var secret = Base32Decode(key);
        var step = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
        var matched = false;
        for (var drift = -1; drift <= 1; drift++)
        {
            matched |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Code(secret, step + drift)), Encoding.ASCII.GetBytes(code));
        }
        return matched;
    }

    /// <summary>The 6-digit code for one 30-second step.</summary>
    public static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1; as an HMAC it is not weak.
        var hash = HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    public static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        var (buffer, bits) = (0, 0);
        foreach (var c in text.ToUpperInvariant())
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                continue;
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        return [.. bytes];
    }

    /// <summary>The key as people type it: groups of four, lower case.</summary>
    public static string Format(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(chunk => new string(chunk)));
}
