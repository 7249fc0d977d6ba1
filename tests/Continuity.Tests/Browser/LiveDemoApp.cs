using Continuity.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Continuity.Tests.Browser;

/// <summary>The real app on Kestrel at a free loopback port, for a browser: its own SQLite file,
/// the demo organisation loaded on start and the clock set to the day the demo's README judges it
/// (as <see cref="DemoApp"/>, which serves only in memory).</summary>
public sealed class LiveDemoApp : ContinuityApp, IAsyncLifetime
{
    public LiveDemoApp()
        : base(loadDemo: true, new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero))
    {
        UseKestrel();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");   // a free port
    }

    /// <summary>Where the app listens, such as <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        StartServer();                                // returns once the demo is loaded (DatabaseStartup)
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.Single(), UriKind.Absolute);
        return ValueTask.CompletedTask;
    }
}
