using System.Globalization;
using System.Text.RegularExpressions;

namespace Continuity.PlanFiles;

/// <summary>An exact duration in whole minutes, as plan files write it: <c>90m</c>, <c>4h</c>,
/// <c>2d</c>, <c>1w</c>, combined largest unit first (<c>1h45m</c>), or ISO 8601 (<c>PT4H</c>, <c>P1DT12H</c>, <c>P2W</c>).
/// Zero (<c>0m</c>) is a duration: an RTO of 0 is automatic failover, an RPO of 0 synchronous
/// replication. Which properties may be zero is the plan model's business (<see cref="PlanReader"/>).</summary>
public readonly partial record struct Duration(int Minutes) : IComparable<Duration>
{
    /// <summary>Ten years: longer than any recovery objective, retention or review interval a
    /// plan should ever state. Anything beyond is a typo (<c>99999w</c>), not a plan.</summary>
    public const int MaxMinutes = 10 * 366 * 24 * 60;

    public static Duration FromHours(int hours) => new(hours * 60);

    public static Duration FromDays(int days) => new(days * 24 * 60);

    public int CompareTo(Duration other) => Minutes.CompareTo(other.Minutes);

    public static bool operator <(Duration left, Duration right) => left.Minutes < right.Minutes;

    public static bool operator >(Duration left, Duration right) => left.Minutes > right.Minutes;

    public static bool operator <=(Duration left, Duration right) => left.Minutes <= right.Minutes;

    public static bool operator >=(Duration left, Duration right) => left.Minutes >= right.Minutes;

    /// <summary>Parses a duration, or says in plain words what is wrong with it.</summary>
    public static bool TryParse(string text, out Duration duration, out string error)
    {
        duration = default;
        var value = text.Trim();
        long minutes;
        if (ShortForm().Match(value) is { Success: true } shortForm)
        {
            // One or more parts, largest unit first: 4h, 1d12h, 1h45m.
            minutes = 0;
            var previousUnit = int.MaxValue;
            for (var i = 0; i < shortForm.Groups[1].Captures.Count; i++)
            {
                var unit = shortForm.Groups[2].Captures[i].Value switch { "w" => 7 * 24 * 60, "d" => 24 * 60, "h" => 60, _ => 1 };
                if (unit >= previousUnit)
                {
                    error = $"'{text}' repeats a unit or puts a smaller one first; write the largest unit first, each once (1d12h).";
                    return false;
                }
                previousUnit = unit;
                if (!long.TryParse(shortForm.Groups[1].Captures[i].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > MaxMinutes)
                {
                    error = $"'{text}' is longer than ten years, which no plan needs; check the number and the unit.";
                    return false;
                }
                minutes += amount * unit;
            }
        }
        else if (IsoForm().Match(value) is { Success: true } iso && iso.Length > 2 && !value.EndsWith('T'))
        {
            long Part(string group, int factor) =>
                iso.Groups[group].Success ? long.Parse(iso.Groups[group].Value, CultureInfo.InvariantCulture) * factor : 0;
            if (iso.Groups["s"].Success && long.Parse(iso.Groups["s"].Value, CultureInfo.InvariantCulture) % 60 != 0)
            {
                error = $"'{text}' is not a whole number of minutes; durations are exact to the minute.";
                return false;
            }
            minutes = Part("w", 7 * 24 * 60) + Part("d", 24 * 60) + Part("h", 60) + Part("min", 1) + Part("s", 1) / 60;
        }
        else if (value.StartsWith('-'))
        {
            error = $"'{text}' is negative; a duration is zero or more, for example 4h.";
            return false;
        }
        else if (value.StartsWith('P') && (value.Contains('Y') || (value.Contains('M') && (!value.Contains('T') || value.IndexOf('M') < value.IndexOf('T')))))
        {
            error = $"'{text}' uses years or months, which have no exact length; write days or weeks instead (for example 182d).";
            return false;
        }
        else
        {
            error = $"'{text}' is not a duration; write a whole number with a unit (90m, 4h, 2d, 1w) or ISO 8601 (PT4H).";
            return false;
        }

        if (minutes > MaxMinutes)
        {
            error = $"'{text}' is longer than ten years, which no plan needs; check the number and the unit.";
            return false;
        }
        duration = new Duration((int)minutes);
        error = "";
        return true;
    }

    public static Duration Parse(string text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    /// <summary>Minutes as people read a computed time: days, hours and minutes ("6h 35m",
    /// "1d 1h 30m"); "0m" for none. Plan values keep their canonical form (<see cref="ToString"/>).</summary>
    public static string Readable(int minutes)
    {
        if (minutes <= 0)
        {
            return "0m";
        }
        var parts = new List<string>(3);
        if (minutes / 1440 is var days and > 0)
        {
            parts.Add($"{days}d");
        }
        if (minutes % 1440 / 60 is var hours and > 0)
        {
            parts.Add($"{hours}h");
        }
        if (minutes % 60 is var rest and > 0)
        {
            parts.Add($"{rest}m");
        }
        return string.Join(' ', parts);
    }

    /// <summary>The canonical form: the largest unit that states the duration exactly.</summary>
    public override string ToString() => Minutes switch
    {
        0 => "0m",
        _ when Minutes % (7 * 24 * 60) == 0 => $"{Minutes / (7 * 24 * 60)}w",
        _ when Minutes % (24 * 60) == 0 => $"{Minutes / (24 * 60)}d",
        _ when Minutes % 60 == 0 => $"{Minutes / 60}h",
        _ => $"{Minutes}m",
    };

    [GeneratedRegex(@"^(?:(\d+)\s*(m|h|d|w))+$")]
    private static partial Regex ShortForm();

    [GeneratedRegex(@"^P(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<min>\d+)M)?(?:(?<s>\d+)S)?)?$")]
    private static partial Regex IsoForm();
}
