#!/usr/bin/env bash
# Adds a migration NAME for both database providers: the only supported way to add one. Then
# regenerates both compiled models (src/Continuity/Data/CompiledModels), which EF uses instead
# of building the model at start-up; CompiledModelTests fail while they are stale.
# Usage: scripts/add-migration.sh NAME
set -euo pipefail

if [[ $# -ne 1 || ! "$1" =~ ^[A-Z][A-Za-z0-9]*$ ]]; then
  echo "usage: scripts/add-migration.sh NAME   (NAME in PascalCase, e.g. AddExercises)" >&2
  exit 2
fi

cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/Continuity --nologo -v quiet

for provider in Sqlite Postgres; do
  dotnet ef migrations add "$1" --no-build \
    --project src/Continuity --startup-project src/Continuity \
    --context "${provider}ContinuityDb" --output-dir "Data/Migrations/${provider}"
done

for provider in Sqlite Postgres; do
  rm -rf "src/Continuity/Data/CompiledModels/${provider}"
  dotnet ef dbcontext optimize --no-build \
    --project src/Continuity --startup-project src/Continuity \
    --context "${provider}ContinuityDb" --output-dir "Data/CompiledModels/${provider}" \
    --namespace "Continuity.Data.CompiledModels.${provider}"
done

dotnet format src/Continuity/Continuity.csproj --include src/Continuity/Data/Migrations/ src/Continuity/Data/CompiledModels/ >/dev/null
echo "Added migration $1 for SQLite and PostgreSQL and regenerated the compiled models. Review both migrations, then run the tests."
