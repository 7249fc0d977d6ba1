// The web host alone, for `dotnet run --project src/Continuity.Web` and for tests
// (WebApplicationFactory<Program>). Users start it with `continuity serve`.
await using var app = Continuity.Web.ContinuityWebHost.Build(args);
await app.RunAsync();

public partial class Program;
