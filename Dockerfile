# One image per Keywork service, built from this repository:
#   docker build --build-arg MODULE=goal-service -t keywork/goal-service .
# (docker-compose.yml does this for every service.)

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY infra/ infra/
COPY goal-service/ goal-service/
COPY project-service/ project-service/
COPY progress-service/ progress-service/
COPY notification-service/ notification-service/
COPY gateway/ gateway/
ARG MODULE
RUN test -n "$MODULE" || (echo "build with --build-arg MODULE=<service>" >&2; exit 1)
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -pl "$MODULE" -am -DskipTests package \
 && cp "$MODULE"/target/"$MODULE"-*.jar /app.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 keywork
COPY --from=build /app.jar /opt/keywork/app.jar
USER keywork
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/opt/keywork/app.jar"]
