using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Continuity.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddRecoverySitesVendorRestoresCoverageAndDisruptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing rows start with an empty list or map in the JSON columns, which the converters read.
            migrationBuilder.AddColumn<string>(
                name: "HostingRecoverySites",
                table: "systems",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "RestoredByVendor",
                table: "systems",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Disruption",
                table: "scenarios",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Recovers",
                table: "procedures",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "ObjectivesByDisruption",
                table: "business_functions",
                type: "text",
                nullable: false,
                defaultValue: "{}");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HostingRecoverySites",
                table: "systems");

            migrationBuilder.DropColumn(
                name: "RestoredByVendor",
                table: "systems");

            migrationBuilder.DropColumn(
                name: "Disruption",
                table: "scenarios");

            migrationBuilder.DropColumn(
                name: "Recovers",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "ObjectivesByDisruption",
                table: "business_functions");
        }
    }
}
